package io.cortexsync.connector.qdrant.source;

import io.qdrant.client.grpc.Common.PointId;

import org.apache.flink.annotation.PublicEvolving;

import java.io.Serializable;
import java.util.UUID;

/**
 * A point id in Qdrant's scroll order: unsigned 64-bit numbers first, then UUIDs compared as
 * unsigned 128-bit numbers.
 */
@PublicEvolving
public final class QdrantPointId implements Comparable<QdrantPointId>, Serializable {

    private static final long serialVersionUID = 1L;

    /** The smallest id of all: the number 0. */
    public static final QdrantPointId MIN_NUMBER = number(0L);

    /** The largest number, 2^64 - 1; every UUID comes after it. */
    public static final QdrantPointId MAX_NUMBER = number(-1L);

    private final boolean uuid;
    private final long high;
    private final long low;

    private QdrantPointId(boolean uuid, long high, long low) {
        this.uuid = uuid;
        this.high = high;
        this.low = low;
    }

    /** A numeric id; {@code unsignedValue} is read as unsigned. */
    public static QdrantPointId number(long unsignedValue) {
        return new QdrantPointId(false, 0L, unsignedValue);
    }

    public static QdrantPointId uuid(UUID uuid) {
        return new QdrantPointId(true, uuid.getMostSignificantBits(), uuid.getLeastSignificantBits());
    }

    /** The id of a point as Qdrant returns it (UUIDs are always well-formed there). */
    public static QdrantPointId of(PointId id) {
        switch (id.getPointIdOptionsCase()) {
            case NUM:
                return number(id.getNum());
            case UUID:
                return uuid(UUID.fromString(id.getUuid()));
            default:
                throw new IllegalArgumentException("point id without a number or UUID");
        }
    }

    public boolean isUuid() {
        return uuid;
    }

    /** The UUID; only for UUID ids. */
    public UUID asUuid() {
        if (!uuid) {
            throw new IllegalStateException(this + " is a number, not a UUID");
        }
        return new UUID(high, low);
    }

    /** The number, unsigned; only for numeric ids. */
    public long asNumber() {
        if (uuid) {
            throw new IllegalStateException(this + " is a UUID, not a number");
        }
        return low;
    }

    public PointId toPointId() {
        return uuid
                ? PointId.newBuilder().setUuid(toString()).build()
                : PointId.newBuilder().setNum(low).build();
    }

    @Override
    public int compareTo(QdrantPointId other) {
        if (uuid != other.uuid) {
            return uuid ? 1 : -1;
        }
        int byHigh = Long.compareUnsigned(high, other.high);
        return byHigh != 0 ? byHigh : Long.compareUnsigned(low, other.low);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof QdrantPointId)) {
            return false;
        }
        QdrantPointId that = (QdrantPointId) o;
        return uuid == that.uuid && high == that.high && low == that.low;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(high) * 31 + Long.hashCode(low) + (uuid ? 1 : 0);
    }

    /** The lower-case hyphenated UUID or the unsigned number, as Qdrant prints ids. */
    @Override
    public String toString() {
        return uuid ? new UUID(high, low).toString() : Long.toUnsignedString(low);
    }
}
