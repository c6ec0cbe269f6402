package io.cortexsync.schema.ids;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * Qdrant point ids: the UUIDv5 (RFC 9562, name-based, SHA-1) of a record's canonical id, and the
 * partitions of the point-id space that reconciliation works on.
 *
 * <p>The namespace is {@link #NAMESPACE} = {@code a2239ab5-267e-5515-9e1c-e7636280bddd}, itself the
 * UUIDv5 of the name {@code cortex-sync} in the RFC's URL namespace. It never changes: every point
 * ever written depends on it.
 *
 * <p>Partitions and leaves are read from the leading bits of the point id. The first 48 bits of a
 * UUIDv5 are SHA-1 output (bits 48–51 hold the version), so {@code partitionBits + leafBits} is
 * limited to 48 to keep every partition and leaf equally likely. Qdrant orders UUID points as
 * 128-bit unsigned numbers; {@link #compareUnsigned} does the same ({@link UUID#compareTo} compares
 * signed halves and must not be used for ranges).
 */
public final class PointIds {

    /** The namespace of every point id: UUIDv5 of "cortex-sync" in the URL namespace. */
    public static final UUID NAMESPACE = UUID.fromString("a2239ab5-267e-5515-9e1c-e7636280bddd");

    /** The most leading bits that are uniformly distributed in a UUIDv5. */
    public static final int MAX_UNIFORM_BITS = 48;

    private PointIds() {}

    /** The point id of a record. */
    public static UUID pointId(RecordId id) {
        return nameBased(NAMESPACE, id.canonical());
    }

    /** The point id of a canonical record id string (not parsed, used as the UUIDv5 name). */
    public static UUID pointId(String canonicalRecordId) {
        return nameBased(NAMESPACE, canonicalRecordId);
    }

    /** UUIDv5 of {@code name} (UTF-8) in {@code namespace}. */
    public static UUID nameBased(UUID namespace, String name) {
        MessageDigest sha1 = sha1();
        sha1.update(toBytes(namespace));
        byte[] hash = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
        long msb = readLong(hash, 0);
        long lsb = readLong(hash, 8);
        msb = (msb & ~0xF000L) | 0x5000L; // version 5
        lsb = (lsb & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L; // RFC variant 10xx
        return new UUID(msb, lsb);
    }

    /** The partition of a point: its leading {@code partitionBits} bits (0 to 31). */
    public static int partition(UUID pointId, int partitionBits) {
        checkBits(partitionBits, 0, 31, "partitionBits");
        return (int) leadingBits(pointId.getMostSignificantBits(), 0, partitionBits);
    }

    /**
     * The leaf of a point within its partition: the {@code leafBits} bits after the leading {@code
     * partitionBits}.
     */
    public static int leaf(UUID pointId, int partitionBits, int leafBits) {
        checkBits(partitionBits, 0, 31, "partitionBits");
        checkBits(leafBits, 0, 31, "leafBits");
        checkBits(partitionBits + leafBits, 0, MAX_UNIFORM_BITS, "partitionBits + leafBits");
        return (int) leadingBits(pointId.getMostSignificantBits(), partitionBits, leafBits);
    }

    /** The smallest point id (in Qdrant's unsigned order) of a partition. */
    public static UUID firstIdOfPartition(int partition, int partitionBits) {
        checkPartition(partition, partitionBits);
        return new UUID(partitionPrefix(partition, partitionBits), 0L);
    }

    /** The largest point id (in Qdrant's unsigned order) of a partition. */
    public static UUID lastIdOfPartition(int partition, int partitionBits) {
        checkPartition(partition, partitionBits);
        long suffixMask = partitionBits == 0 ? -1L : (-1L >>> partitionBits);
        return new UUID(partitionPrefix(partition, partitionBits) | suffixMask, -1L);
    }

    /** Compares point ids as 128-bit unsigned numbers, the order of Qdrant's scroll. */
    public static int compareUnsigned(UUID a, UUID b) {
        int high = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
        return high != 0
                ? high
                : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
    }

    private static long partitionPrefix(int partition, int partitionBits) {
        return partitionBits == 0 ? 0L : ((long) partition) << (64 - partitionBits);
    }

    private static long leadingBits(long msb, int skip, int count) {
        if (count == 0) {
            return 0L;
        }
        return (msb << skip) >>> (64 - count);
    }

    private static void checkPartition(int partition, int partitionBits) {
        checkBits(partitionBits, 0, 31, "partitionBits");
        if (partition < 0 || partition >= (1L << partitionBits)) {
            throw new IllegalArgumentException(
                    "partition "
                            + partition
                            + " is outside [0, "
                            + (1L << partitionBits)
                            + ") for "
                            + partitionBits
                            + " partition bits");
        }
    }

    private static void checkBits(int bits, int min, int max, String name) {
        if (bits < min || bits > max) {
            throw new IllegalArgumentException(
                    name + " must be in [" + min + ", " + max + "], got " + bits);
        }
    }

    private static byte[] toBytes(UUID uuid) {
        byte[] out = new byte[16];
        long msb = uuid.getMostSignificantBits();
        long lsb = uuid.getLeastSignificantBits();
        for (int i = 0; i < 8; i++) {
            out[i] = (byte) (msb >>> (56 - 8 * i));
            out[8 + i] = (byte) (lsb >>> (56 - 8 * i));
        }
        return out;
    }

    private static long readLong(byte[] bytes, int offset) {
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = (value << 8) | (bytes[offset + i] & 0xFF);
        }
        return value;
    }

    private static MessageDigest sha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-1", e);
        }
    }
}
