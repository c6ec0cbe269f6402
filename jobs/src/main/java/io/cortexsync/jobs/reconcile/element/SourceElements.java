package io.cortexsync.jobs.reconcile.element;

import io.cortexsync.jobs.reconcile.ReconcileCounters;
import io.cortexsync.schema.hash.ContentHash;
import io.cortexsync.schema.ids.PointIds;
import io.cortexsync.schema.model.SyncEntity;
import io.cortexsync.schema.model.TargetPointId;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;

/**
 * A SurrealDB record, converted as the sync jobs convert it, as the element its point should be:
 * the point id derived from the record id and the content hash of what the point should hold.
 * Counted in all and per table.
 */
public final class SourceElements extends ProcessFunction<SyncEntity, SideElement> {

    private static final long serialVersionUID = 1L;

    private final int partitionBits;
    private final int leafBits;
    private final TreeSet<Integer> sampled;
    private final boolean withVectors;
    private transient TableCounters counters;

    /**
     * @param sampled the partitions compared, {@code null} for all: the records of others are dropped uncounted
     * @param withVectors whether elements carry the record's vector (reconcile.deep)
     */
    public SourceElements(int partitionBits, int leafBits, SortedSet<Integer> sampled, boolean withVectors) {
        this.withVectors = withVectors;
        this.partitionBits = partitionBits;
        this.leafBits = leafBits;
        this.sampled = sampled == null ? null : new TreeSet<>(sampled);
    }

    @Override
    public void open(OpenContext openContext) {
        counters = new TableCounters(getRuntimeContext(), ReconcileCounters.SOURCE_RECORDS);
    }

    @Override
    public void processElement(SyncEntity entity, Context ctx, Collector<SideElement> out) {
        UUID pointId = PointIds.pointId(entity.id());
        if (sampled != null && !sampled.contains(PointIds.partition(pointId, partitionBits))) {
            return;
        }
        counters.count(entity.table());
        SideElement element = SideElement.of(Side.SOURCE, TargetPointId.of(pointId),
                entity.id().canonical(), entity.table(), ContentHash.of(entity), partitionBits, leafBits);
        if (withVectors) {
            element.vector = entity.vector();
        }
        out.collect(element);
    }
}
