package io.cortexsync.jobs.reconcile.compare;

import io.cortexsync.jobs.common.GaugedCounters;
import io.cortexsync.jobs.reconcile.ReconcileCounters;
import io.cortexsync.jobs.reconcile.digest.MerkleTree;
import io.cortexsync.jobs.reconcile.element.Side;
import io.cortexsync.jobs.reconcile.element.SideElement;
import io.cortexsync.schema.model.RepairRecord;

import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

import java.time.Instant;
import java.util.List;

/**
 * One partition of both sides, keyed by partition: each element goes into its side's leaf (the
 * leaf's count and hash sum, and its bucket of elements), all in keyed state, so memory does not
 * grow with the entities (RocksDB keeps them on disk). When both inputs have ended (the watermark
 * reaches the end of time) the two sides' Merkle trees are compared: equal roots end the work for
 * the partition; otherwise only the leaves whose digests differ are read and compared element by
 * element, and each difference is emitted as a {@link RepairRecord}. The partition's state is then
 * cleared.
 */
public final class PartitionReconciler extends KeyedProcessFunction<Integer, SideElement, RepairRecord> {

    private static final long serialVersionUID = 1L;

    private final int leavesPerPartition;
    private final boolean repair;

    /** Per side: each leaf's count, hash sum and elements. */
    private transient LeafState[] sides;
    private transient LongCounter partitionsCompared;
    private transient LongCounter partitionsDescended;
    private transient LongCounter nodesCompared;
    private transient LongCounter leavesDescended;

    public PartitionReconciler(int leavesPerPartition, boolean repair) {
        this.leavesPerPartition = leavesPerPartition;
        this.repair = repair;
    }

    @Override
    public void open(OpenContext openContext) {
        sides = new LeafState[Side.values().length];
        for (Side side : Side.values()) {
            sides[side.ordinal()] = new LeafState(getRuntimeContext(), side);
        }
        partitionsCompared = counter(ReconcileCounters.PARTITIONS_COMPARED);
        partitionsDescended = counter(ReconcileCounters.PARTITIONS_DESCENDED);
        nodesCompared = counter(ReconcileCounters.NODES_COMPARED);
        leavesDescended = counter(ReconcileCounters.LEAVES_DESCENDED);
    }

    private LongCounter counter(String name) {
        return GaugedCounters.of(getRuntimeContext(), name);
    }

    @Override
    public void processElement(SideElement element, Context ctx, Collector<RepairRecord> out) throws Exception {
        sides[element.side.ordinal()].apply(element);
        // one timer per partition (registering it again changes nothing): fires once both inputs end
        ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<RepairRecord> out) throws Exception {
        int partition = ctx.getCurrentKey();
        MerkleTree source = MerkleTree.of(sides[Side.SOURCE.ordinal()].digests(leavesPerPartition));
        MerkleTree target = MerkleTree.of(sides[Side.TARGET.ordinal()].digests(leavesPerPartition));
        MerkleTree.Difference difference = MerkleTree.differingLeaves(source, target);
        partitionsCompared.add(1L);
        nodesCompared.add((long) difference.nodesCompared());
        if (!difference.leaves().isEmpty()) {
            partitionsDescended.add(1L);
            Instant now = Instant.now();
            for (int leaf : difference.leaves()) {
                leavesDescended.add(1L);
                List<SideElement> records = sides[Side.SOURCE.ordinal()].elements(partition, leaf);
                List<SideElement> points = sides[Side.TARGET.ordinal()].elements(partition, leaf);
                LeafComparison.compare(records, points, partition, now, repair).forEach(out::collect);
            }
        }
        for (LeafState side : sides) {
            side.clear();
        }
    }
}
