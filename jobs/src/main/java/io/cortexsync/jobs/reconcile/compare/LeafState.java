package io.cortexsync.jobs.reconcile.compare;

import io.cortexsync.jobs.reconcile.digest.LeafDigests;
import io.cortexsync.jobs.reconcile.element.LeafBucket;
import io.cortexsync.jobs.reconcile.element.Side;
import io.cortexsync.jobs.reconcile.element.SideElement;

import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;

import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

/**
 * One side of the current partition in keyed state: per leaf, its count and hash sum, and its
 * elements as a {@link LeafBucket}. An element of an id already there replaces it (+new −old); a
 * removed element leaves (−old). RocksDB keeps it all on disk.
 */
final class LeafState {

    private final Side side;
    private final MapState<Integer, long[]> totals;
    private final MapState<Integer, byte[]> buckets;

    LeafState(RuntimeContext context, Side side) {
        this.side = side;
        String name = side.name().toLowerCase();
        this.totals = context.getMapState(new MapStateDescriptor<>(
                name + "-leaf-totals", Types.INT, PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO));
        this.buckets = context.getMapState(new MapStateDescriptor<>(
                name + "-leaf-elements", Types.INT, PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
    }

    /** Adds, replaces or (when it is {@code removed}) takes out the element of its id. */
    void apply(SideElement element) throws Exception {
        List<SideElement> bucket = elements(element.partition, element.leaf);
        long[] leaf = totals.get(element.leaf);
        if (leaf == null) {
            leaf = new long[2];
        }
        int same = indexOf(bucket, element);
        if (same >= 0) {
            leaf[1] -= bucket.get(same).elementHash();
            leaf[0]--;
            bucket.remove(same);
        }
        if (!element.removed) {
            leaf[0]++;
            leaf[1] += element.elementHash();
            bucket.add(element.withoutVector());
        }
        if (bucket.isEmpty()) {
            buckets.remove(element.leaf);
            totals.remove(element.leaf);
        } else {
            buckets.put(element.leaf, LeafBucket.encode(bucket));
            totals.put(element.leaf, leaf);
        }
    }

    List<SideElement> elements(int partition, int leaf) throws Exception {
        return LeafBucket.decode(buckets.get(leaf), side, partition, leaf);
    }

    /** Every element of the side, one leaf in memory at a time (a rebuild reads all of the partition). */
    Iterable<SideElement> allElements(int partition) throws Exception {
        Iterable<Map.Entry<Integer, byte[]>> leaves = buckets.entries();
        return () -> StreamSupport.stream(leaves.spliterator(), false)
                .flatMap(bucket -> LeafBucket.decode(bucket.getValue(), side, partition, bucket.getKey()).stream())
                .iterator();
    }

    /** How many elements the side holds. */
    long size() throws Exception {
        long size = 0;
        for (long[] leaf : totals.values()) {
            size += leaf[0];
        }
        return size;
    }

    LeafDigests digests(int leavesPerPartition) throws Exception {
        LeafDigests digests = new LeafDigests(leavesPerPartition);
        for (Map.Entry<Integer, long[]> leaf : totals.entries()) {
            digests.set(leaf.getKey(), leaf.getValue()[0], leaf.getValue()[1]);
        }
        return digests;
    }

    void clear() {
        totals.clear();
        buckets.clear();
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
