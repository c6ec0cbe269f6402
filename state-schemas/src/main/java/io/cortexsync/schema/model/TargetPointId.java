package io.cortexsync.schema.model;

import java.math.BigInteger;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;

/**
 * A Qdrant point id as reconciliation finds it: a UUID, as every point cortex-sync writes has, or
 * an unsigned 64-bit integer, which Qdrant also accepts and another writer may have used. The
 * number is kept in a long's bits, so values from 2^63 to 2^64−1 read as negative longs.
 */
public final class TargetPointId {

    private static final BigInteger MAX_UNSIGNED = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private final UUID uuid;
    private final long number;

    private TargetPointId(UUID uuid, long number) {
        this.uuid = uuid;
        this.number = number;
    }

    public static TargetPointId of(UUID uuid) {
        return new TargetPointId(Objects.requireNonNull(uuid, "uuid"), 0);
    }

    /** A numeric id from the bits of an unsigned 64-bit value. */
    public static TargetPointId ofNumber(long unsignedBits) {
        return new TargetPointId(null, unsignedBits);
    }

    /** A UUID's text (any case) or a decimal from 0 to 18446744073709551615. */
    public static TargetPointId parse(String text) {
        Objects.requireNonNull(text, "text");
        if (!text.isEmpty() && text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            BigInteger value = new BigInteger(text);
            if (value.compareTo(MAX_UNSIGNED) > 0) {
                throw new IllegalArgumentException("a numeric point id is at most 2^64-1: '" + text + "'");
            }
            return ofNumber(value.longValue());
        }
        if (text.length() == 36) {
            try {
                UUID uuid = UUID.fromString(text);
                if (uuid.toString().equals(text.toLowerCase(Locale.ROOT))) {
                    return of(uuid);
                }
            } catch (IllegalArgumentException e) {
                // named below
            }
        }
        throw new IllegalArgumentException("not a point id (a UUID or an unsigned 64-bit number): '" + text + "'");
    }

    public boolean isUuid() {
        return uuid != null;
    }

    public UUID uuid() {
        if (uuid == null) {
            throw new IllegalStateException("point id " + this + " is a number, not a UUID");
        }
        return uuid;
    }

    /** The unsigned value's bits. */
    public long number() {
        if (uuid != null) {
            throw new IllegalStateException("point id " + uuid + " is a UUID, not a number");
        }
        return number;
    }

    /** The number as an exact non-negative integer. */
    public BigInteger numberValue() {
        return new BigInteger(Long.toUnsignedString(number()));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TargetPointId that && Objects.equals(uuid, that.uuid) && number == that.number;
    }

    @Override
    public int hashCode() {
        return uuid != null ? uuid.hashCode() : Long.hashCode(number);
    }

    /** The UUID's lower-case text, or the number in decimal. */
    @Override
    public String toString() {
        return uuid != null ? uuid.toString() : Long.toUnsignedString(number);
    }
}
