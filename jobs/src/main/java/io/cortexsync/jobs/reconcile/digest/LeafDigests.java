package io.cortexsync.jobs.reconcile.digest;

import java.util.Arrays;

/**
 * One side of one partition: for each of its leaves, how many elements it holds and the sum of
 * their {@link ElementHash}es (mod 2^64). Order-independent, and updated in place by "+new −old".
 */
public final class LeafDigests {

    private final long[] counts;
    private final long[] sums;

    public LeafDigests(int leaves) {
        if (leaves < 1 || Integer.bitCount(leaves) != 1) {
            throw new IllegalArgumentException("leaves must be a power of two: " + leaves);
        }
        this.counts = new long[leaves];
        this.sums = new long[leaves];
    }

    /** A leaf's digest as kept elsewhere (e.g. in keyed state). */
    public void set(int leaf, long count, long sum) {
        counts[leaf] = count;
        sums[leaf] = sum;
    }

    public void add(int leaf, long elementHash) {
        counts[leaf]++;
        sums[leaf] += elementHash;
    }

    public void remove(int leaf, long elementHash) {
        counts[leaf]--;
        sums[leaf] -= elementHash;
    }

    /** An element changed: its old hash out, its new one in. */
    public void replace(int leaf, long oldHash, long newHash) {
        sums[leaf] += newHash - oldHash;
    }

    public int leaves() {
        return counts.length;
    }

    public long count(int leaf) {
        return counts[leaf];
    }

    public long sum(int leaf) {
        return sums[leaf];
    }

    /** Elements in all leaves. */
    public long total() {
        return Arrays.stream(counts).sum();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LeafDigests that && Arrays.equals(counts, that.counts) && Arrays.equals(sums, that.sums);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(counts) + Arrays.hashCode(sums);
    }
}
