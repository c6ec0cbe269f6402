package io.cortexsync.testkit.qdrant;

import io.qdrant.client.grpc.Common.PointId;

import java.util.UUID;

/**
 * A point id in Qdrant's order: unsigned 64-bit numbers first, then UUIDs as unsigned 128-bit
 * numbers.
 */
record PointKey(boolean isUuid, long high, long low) implements Comparable<PointKey> {

    static PointKey ofNumber(long unsignedValue) {
        return new PointKey(false, 0L, unsignedValue);
    }

    static PointKey ofUuid(UUID uuid) {
        return new PointKey(true, uuid.getMostSignificantBits(), uuid.getLeastSignificantBits());
    }

    /** Converts a request id; the messages are Qdrant's. */
    static PointKey from(PointId id) {
        switch (id.getPointIdOptionsCase()) {
            case NUM:
                return ofNumber(id.getNum());
            case UUID:
                UUID uuid = UuidText.parse(id.getUuid());
                if (uuid == null) {
                    throw QdrantErrors.invalidArgument("Unable to parse UUID: " + id.getUuid());
                }
                return ofUuid(uuid);
            default:
                throw QdrantErrors.invalidArgument("No ID options provided");
        }
    }

    PointId toPointId() {
        return isUuid
                ? PointId.newBuilder().setUuid(toString()).build()
                : PointId.newBuilder().setNum(low).build();
    }

    @Override
    public int compareTo(PointKey other) {
        if (isUuid != other.isUuid) {
            return isUuid ? 1 : -1;
        }
        int byHigh = Long.compareUnsigned(high, other.high);
        return byHigh != 0 ? byHigh : Long.compareUnsigned(low, other.low);
    }

    /** Lower-case hyphenated UUID or the unsigned number, as Qdrant prints ids. */
    @Override
    public String toString() {
        return isUuid ? new UUID(high, low).toString() : Long.toUnsignedString(low);
    }
}
