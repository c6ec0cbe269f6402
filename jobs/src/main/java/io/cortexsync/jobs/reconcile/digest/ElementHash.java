package io.cortexsync.jobs.reconcile.digest;

import com.google.common.hash.Hashing;

import java.nio.charset.StandardCharsets;
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

    /**
     * The element hash of any point as Qdrant may hold it: a UUID ({@code numeric} false) or a
     * number (in {@code low}), with whatever its {@code _content_hash} holds: a well-formed hash
     * hashes as {@link #of(UUID, String)} does, a missing or malformed one differently from every
     * well-formed one, so such a point never matches a record.
     */
    public static long of(long high, long low, boolean numeric, String contentHash) {
        if (!numeric && isHash(contentHash)) {
            return of(new UUID(high, low), contentHash);
        }
        long h = mix(numeric ? low ^ NUMERIC_ID : high);
        h = mix(h ^ (numeric ? NUMERIC_ID : low));
        h = mix(h ^ (contentHash == null ? NO_HASH : contentHash.hashCode()));
        return mix(h ^ NO_HASH);
    }

    /**
     * {@code elementHash} bound to the record id the element names ({@code _surreal_id} for a
     * point), so that a point whose id and content hash are right but which names another record
     * does not pass for its record's point.
     */
    public static long withEntityId(long elementHash, String entityId) {
        if (entityId == null) {
            return elementHash;
        }
        return mix(elementHash ^ Hashing.murmur3_128().hashString(entityId, StandardCharsets.UTF_8).asLong());
    }

    /** Whether {@code text} is a content hash: 32 lower-case hex digits. */
    public static boolean isHash(String text) {
        if (text == null || text.length() != 32) {
            return false;
        }
        for (int i = 0; i < 32; i++) {
            char c = text.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    private static final long NUMERIC_ID = 0x6a09e667f3bcc909L;
    private static final long NO_HASH = 0xbb67ae8584caa73bL;

    /** MurmurHash3's 64-bit finalizer. */
    public static long mix(long k) {
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        k *= 0xc4ceb9fe1a85ec53L;
        k ^= k >>> 33;
        return k;
    }
}
