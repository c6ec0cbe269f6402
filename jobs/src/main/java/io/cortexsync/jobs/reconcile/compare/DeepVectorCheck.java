package io.cortexsync.jobs.reconcile.compare;

import io.cortexsync.jobs.reconcile.digest.ElementHash;
import io.cortexsync.jobs.reconcile.element.Side;
import io.cortexsync.jobs.reconcile.element.SideElement;
import io.cortexsync.schema.model.RepairRecord;
import io.cortexsync.schema.model.RepairRecord.Action;
import io.cortexsync.schema.model.RepairRecord.Kind;

import io.qdrant.client.grpc.Collections.Distance;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

import java.time.Instant;
import java.util.Objects;

/**
 * With reconcile.deep, keyed by point id: the record's and the point's vectors meet here, and a
 * point whose payload agrees with its record (same content hash, same record id) but whose stored
 * vector is not the record's is a MISMATCH the hashes cannot show. Whatever differs in the payload
 * is the partition comparison's to report, so the two never report one point twice.
 */
public final class DeepVectorCheck extends KeyedProcessFunction<String, SideElement, RepairRecord> {

    private static final long serialVersionUID = 1L;

    private final Distance distance;
    private final double tolerance;
    private final boolean repair;
    private transient ValueState<SideElement> first;

    public DeepVectorCheck(Distance distance, double tolerance, boolean repair) {
        this.distance = distance;
        this.tolerance = tolerance;
        this.repair = repair;
    }

    @Override
    public void open(OpenContext openContext) {
        first = getRuntimeContext().getState(new ValueStateDescriptor<>("first-side", TypeInformation.of(SideElement.class)));
    }

    @Override
    public void processElement(SideElement element, Context ctx, Collector<RepairRecord> out) throws Exception {
        SideElement other = first.value();
        if (other == null || other.side == element.side) {
            first.update(element);
            return;
        }
        first.clear();
        SideElement record = element.side == Side.SOURCE ? element : other;
        SideElement point = element.side == Side.SOURCE ? other : element;
        boolean payloadAgrees = ElementHash.isHash(point.contentHash)
                && Objects.equals(record.contentHash, point.contentHash)
                && Objects.equals(record.entityId, point.entityId);
        if (payloadAgrees && VectorComparison.differ(record.vector, point.vector, distance, tolerance)) {
            out.collect(RepairRecord.builder()
                    .kind(Kind.MISMATCH)
                    .pointId(record.pointId())
                    .entityId(record.entityId)
                    .table(record.table)
                    .partition(record.partition)
                    .sourceHash(record.contentHash)
                    .targetHash(point.contentHash)
                    .time(Instant.now())
                    .action(repair ? Action.UPSERT_POINT : Action.NONE)
                    .build());
        }
    }
}
