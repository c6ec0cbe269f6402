package io.cortexsync.jobs.reconcile.compare;

import io.cortexsync.jobs.reconcile.ReconcileCounters;
import io.cortexsync.jobs.reconcile.digest.LeafDigests;
import io.cortexsync.jobs.reconcile.digest.MerkleTree;
import io.cortexsync.jobs.reconcile.element.LeafBucket;
import io.cortexsync.jobs.reconcile.element.Side;
import io.cortexsync.jobs.reconcile.element.SideElement;
import io.cortexsync.schema.model.RepairRecord;

import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

import java.time.Instant;
import java.util.List;
import java.util.Map;

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

    /** Per side: leaf -> {count, sum of element hashes}. */
    private transient MapState<Integer, long[]>[] totals;
    /** Per side: leaf -> the leaf's elements ({@link LeafBucket}). */
    private transient MapState<Integer, byte[]>[] buckets;
    private transient LongCounter partitionsCompared;
    private transient LongCounter partitionsDescended;
    private transient LongCounter nodesCompared;
    private transient LongCounter leavesDescended;

    public PartitionReconciler(int leavesPerPartition, boolean repair) {
        this.leavesPerPartition = leavesPerPartition;
        this.repair = repair;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void open(OpenContext openContext) {
        totals = new MapState[Side.values().length];
        buckets = new MapState[Side.values().length];
        for (Side side : Side.values()) {
            String name = side.name().toLowerCase();
            totals[side.ordinal()] = getRuntimeContext().getMapState(new MapStateDescriptor<>(
                    name + "-leaf-totals", Types.INT, PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO));
            buckets[side.ordinal()] = getRuntimeContext().getMapState(new MapStateDescriptor<>(
                    name + "-leaf-elements", Types.INT, PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
        }
        partitionsCompared = counter(ReconcileCounters.PARTITIONS_COMPARED);
        partitionsDescended = counter(ReconcileCounters.PARTITIONS_DESCENDED);
        nodesCompared = counter(ReconcileCounters.NODES_COMPARED);
        leavesDescended = counter(ReconcileCounters.LEAVES_DESCENDED);
    }

    private LongCounter counter(String name) {
        LongCounter counter = getRuntimeContext().getLongCounter(name);
        getRuntimeContext().getMetricGroup().gauge(name, counter::getLocalValue);
        return counter;
    }

    @Override
    public void processElement(SideElement element, Context ctx, Collector<RepairRecord> out) throws Exception {
        int side = element.side.ordinal();
        List<SideElement> bucket = LeafBucket.decode(buckets[side].get(element.leaf), element.side, element.partition, element.leaf);
        long[] leaf = totals[side].get(element.leaf);
        if (leaf == null) {
            leaf = new long[2];
        }
        long hash = element.elementHash();
        int same = indexOf(bucket, element);
        if (same >= 0) {
            // the same id again (a record changed): its old hash out, the new one in
            leaf[1] += hash - bucket.get(same).elementHash();
            bucket.set(same, element);
        } else {
            leaf[0]++;
            leaf[1] += hash;
            bucket.add(element);
        }
        buckets[side].put(element.leaf, LeafBucket.encode(bucket));
        totals[side].put(element.leaf, leaf);
        // one timer per partition (registering it again changes nothing): fires once both inputs end
        ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<RepairRecord> out) throws Exception {
        int partition = ctx.getCurrentKey();
        MerkleTree source = MerkleTree.of(digests(Side.SOURCE));
        MerkleTree target = MerkleTree.of(digests(Side.TARGET));
        MerkleTree.Difference difference = MerkleTree.differingLeaves(source, target);
        partitionsCompared.add(1L);
        nodesCompared.add((long) difference.nodesCompared());
        if (!difference.leaves().isEmpty()) {
            partitionsDescended.add(1L);
            Instant now = Instant.now();
            for (int leaf : difference.leaves()) {
                leavesDescended.add(1L);
                List<SideElement> records = LeafBucket.decode(buckets[Side.SOURCE.ordinal()].get(leaf), Side.SOURCE, partition, leaf);
                List<SideElement> points = LeafBucket.decode(buckets[Side.TARGET.ordinal()].get(leaf), Side.TARGET, partition, leaf);
                LeafComparison.compare(records, points, partition, now, repair).forEach(out::collect);
            }
        }
        for (Side side : Side.values()) {
            totals[side.ordinal()].clear();
            buckets[side.ordinal()].clear();
        }
    }

    private LeafDigests digests(Side side) throws Exception {
        LeafDigests digests = new LeafDigests(leavesPerPartition);
        for (Map.Entry<Integer, long[]> leaf : totals[side.ordinal()].entries()) {
            digests.set(leaf.getKey(), leaf.getValue()[0], leaf.getValue()[1]);
        }
        return digests;
    }

    private static int indexOf(List<SideElement> bucket, SideElement element) {
        for (int i = 0; i < bucket.size(); i++) {
            if (bucket.get(i).sameId(element)) {
                return i;
            }
        }
        return -1;
    }
}
