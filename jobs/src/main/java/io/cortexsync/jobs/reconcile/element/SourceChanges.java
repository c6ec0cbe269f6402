package io.cortexsync.jobs.reconcile.element;

import io.cortexsync.jobs.reconcile.ReconcileCounters;
import io.cortexsync.schema.hash.ContentHash;
import io.cortexsync.schema.ids.PointIds;
import io.cortexsync.schema.ids.RecordId;
import io.cortexsync.schema.model.DeadLetter;
import io.cortexsync.schema.model.EntityChange;
import io.cortexsync.schema.model.TargetPointId;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.co.CoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The SurrealDB side of a continuous reconciliation, from the snapshot and then the change feed:
 * an upsert is the element its point should now be; a delete, or a record that can no longer be
 * synced (its dead letter), is its element leaving (removed). Counted in all and per table, so a
 * quiet store counts nothing.
 */
public final class SourceChanges extends CoProcessFunction<EntityChange, DeadLetter, SideElement> {

    private static final long serialVersionUID = 1L;

    private final int partitionBits;
    private final int leafBits;
    private transient TableCounters counters;

    public SourceChanges(int partitionBits, int leafBits) {
        this.partitionBits = partitionBits;
        this.leafBits = leafBits;
    }

    @Override
    public void open(OpenContext openContext) {
        counters = new TableCounters(getRuntimeContext(), ReconcileCounters.SOURCE_RECORDS);
    }

    @Override
    public void processElement1(EntityChange change, Context ctx, Collector<SideElement> out) {
        counters.count(change.table());
        if (change.isDelete()) {
            out.collect(removed(change.recordId()));
            return;
        }
        out.collect(SideElement.of(Side.SOURCE, TargetPointId.of(PointIds.pointId(change.recordId())),
                change.recordId().canonical(), change.table(), ContentHash.of(change.entity()), partitionBits, leafBits));
    }

    /** A record that cannot be synced now has no point: if it had an element, that leaves. */
    @Override
    public void processElement2(DeadLetter letter, Context ctx, Collector<SideElement> out) {
        if (letter.recordId() == null) {
            return;
        }
        try {
            out.collect(removed(RecordId.parse(letter.recordId())));
        } catch (IllegalArgumentException e) {
            // no record id, so no element to remove
        }
    }

    private SideElement removed(RecordId id) {
        SideElement element = SideElement.of(Side.SOURCE, TargetPointId.of(PointIds.pointId(id)), id.canonical(), id.table(),
                null, partitionBits, leafBits);
        element.removed = true;
        return element;
    }
}
