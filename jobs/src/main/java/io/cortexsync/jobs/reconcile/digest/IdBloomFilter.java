package io.cortexsync.jobs.reconcile.digest;

import com.google.common.hash.BloomFilter;
import com.google.common.hash.Funnel;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.UUID;

/**
 * The point ids of one side of a partition in a Guava {@link BloomFilter}: "not contained" means
 * the other side has no such point, without a lookup; "might contain" is wrong at about the
 * configured false-positive rate. Kept in state as bytes.
 */
public final class IdBloomFilter {

    private static final Funnel<UUID> POINT_ID = (id, into) -> into
            .putLong(id.getMostSignificantBits())
            .putLong(id.getLeastSignificantBits());

    private final BloomFilter<UUID> filter;

    private IdBloomFilter(BloomFilter<UUID> filter) {
        this.filter = filter;
    }

    /** A filter sized for {@code expectedIds} at {@code falsePositiveRate}. */
    public static IdBloomFilter create(long expectedIds, double falsePositiveRate) {
        if (expectedIds < 1) {
            throw new IllegalArgumentException("expected ids must be positive: " + expectedIds);
        }
        if (!(falsePositiveRate > 0 && falsePositiveRate < 1)) {
            throw new IllegalArgumentException("the false-positive rate must be between 0 and 1: " + falsePositiveRate);
        }
        return new IdBloomFilter(BloomFilter.create(POINT_ID, expectedIds, falsePositiveRate));
    }

    /** Adds the id; true when the filter changed (the id was certainly not in it before). */
    public boolean put(UUID pointId) {
        return filter.put(pointId);
    }

    /** False: the id was never put. True: it was, or this is a false positive. */
    public boolean mightContain(UUID pointId) {
        return filter.mightContain(pointId);
    }

    public byte[] toBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            filter.writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static IdBloomFilter fromBytes(byte[] bytes) {
        try {
            return new IdBloomFilter(BloomFilter.readFrom(new ByteArrayInputStream(bytes), POINT_ID));
        } catch (IOException e) {
            throw new UncheckedIOException("not a Bloom filter of point ids", e);
        }
    }
}
