package io.cortexsync.jobs.reconcile.compare;

import io.cortexsync.jobs.reconcile.digest.IdBloomFilter;
import io.cortexsync.jobs.reconcile.element.SideElement;

import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;

import java.util.UUID;

/**
 * The point ids the SurrealDB side of the current partition holds, as a Bloom filter in keyed
 * state: "not contained" means no record has that point, so a rescan or a re-check can call a
 * point an orphan without reading the side's leaf. Ids only enter it; a deleted record's id stays
 * until the next rebuild, which costs a lookup, never a wrong answer. Once more ids have entered
 * than it was sized for, it is rebuilt from the side's elements at twice the size, so its
 * false-positive rate stays near the configured one and the rebuilds cost O(1) per id.
 */
final class SourceIdFilter {

    /** Ids a new partition's filter is sized for. */
    static final long FIRST_CAPACITY = 256;

    private final double falsePositiveRate;
    private final ValueState<byte[]> filter;
    /** {ids it is sized for, ids that entered}. */
    private final ValueState<long[]> sizing;

    SourceIdFilter(RuntimeContext context, double falsePositiveRate) {
        this.falsePositiveRate = falsePositiveRate;
        this.filter = context.getState(new ValueStateDescriptor<>(
                "source-id-filter", PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
        this.sizing = context.getState(new ValueStateDescriptor<>(
                "source-id-filter-sizing", PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO));
    }

    /** Notes a record's point id (after {@code side} has taken the element). */
    void put(SideElement record, LeafState side) throws Exception {
        if (record.removed || record.numericId) {
            return;
        }
        long[] size = sizing.value();
        byte[] bytes = filter.value();
        IdBloomFilter ids = bytes == null ? IdBloomFilter.create(FIRST_CAPACITY, falsePositiveRate) : IdBloomFilter.fromBytes(bytes);
        if (size == null) {
            size = new long[] {FIRST_CAPACITY, 0};
        }
        if (!ids.put(uuid(record))) {
            if (bytes == null) {
                filter.update(ids.toBytes());
                sizing.update(size);
            }
            return;
        }
        size[1]++;
        if (size[1] > size[0]) {
            ids = rebuilt(side, record.partition, size);
        }
        filter.update(ids.toBytes());
        sizing.update(size);
    }

    private IdBloomFilter rebuilt(LeafState side, int partition, long[] size) throws Exception {
        long held = side.size();
        long capacity = Math.max(FIRST_CAPACITY, 2 * held);
        IdBloomFilter ids = IdBloomFilter.create(capacity, falsePositiveRate);
        long entered = 0;
        for (SideElement element : side.allElements(partition)) {
            if (!element.numericId && ids.put(uuid(element))) {
                entered++;
            }
        }
        size[0] = capacity;
        size[1] = entered;
        return ids;
    }

    /** The partition's filter as it is now, read once for many questions. */
    Snapshot read() throws Exception {
        byte[] bytes = filter.value();
        return new Snapshot(bytes == null ? null : IdBloomFilter.fromBytes(bytes));
    }

    /** The filter of one partition, read from state. */
    static final class Snapshot {
        private final IdBloomFilter ids;

        private Snapshot(IdBloomFilter ids) {
            this.ids = ids;
        }

        /** False: no record of this partition has the point (a numeric id never has one). */
        boolean mightContain(SideElement point) {
            return !point.numericId && ids != null && ids.mightContain(uuid(point));
        }
    }

    void clear() {
        filter.clear();
        sizing.clear();
    }

    private static UUID uuid(SideElement element) {
        return new UUID(element.idHigh, element.idLow);
    }
}
