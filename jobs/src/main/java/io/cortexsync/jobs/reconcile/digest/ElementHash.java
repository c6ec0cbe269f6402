package io.cortexsync.jobs.reconcile.digest;

import java.util.UUID;

/**
 * The 64-bit hash of one element of a side: its point id with its content hash. Leaves add these
 * up (mod 2^64), so the sum does not depend on the order elements arrive in, and a changed
 * element updates its leaf by adding the new hash and subtracting the old one.
 */
public final class ElementHash {

    private ElementHash() {}

    /** The element hash of a point id and its 128-bit content hash (32 lower-case hex digits). */
    public static long of(UUID pointId, String contentHash) {
        if (contentHash.length() != 32) {
            throw new IllegalArgumentException("a content hash is 32 hex digits: " + contentHash);
        }
        long high = Long.parseUnsignedLong(contentHash.substring(0, 16), 16);
        long low = Long.parseUnsignedLong(contentHash.substring(16), 16);
        // chained finalizers: every input bit reaches every output bit, so sums of distinct
        // elements do not cancel out the way sums of their raw bits could
        long h = mix(pointId.getMostSignificantBits());
        h = mix(h ^ pointId.getLeastSignificantBits());
        h = mix(h ^ high);
        return mix(h ^ low);
    }

    /** MurmurHash3's 64-bit finalizer. */
    static long mix(long k) {
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        k *= 0xc4ceb9fe1a85ec53L;
        k ^= k >>> 33;
        return k;
    }
}
