package io.cortexsync.connector.surrealdb.client.cbor;

import io.cortexsync.connector.surrealdb.client.SurrealNone;
import io.cortexsync.connector.surrealdb.client.SurrealRange;
import io.cortexsync.connector.surrealdb.client.SurrealRecordId;
import io.cortexsync.connector.surrealdb.client.SurrealTable;
import io.cortexsync.schema.ids.RecordId;

import org.apache.flink.annotation.Internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;

/**
 * Java values in SurrealDB's CBOR: {@code null}, {@link SurrealNone} (tag 6), Boolean, the
 * integer types, Float and Double, {@link BigDecimal} (tag 10), {@link BigInteger} within 64
 * bits, String, byte[], {@link UUID} (tag 37), {@link Instant} (tag 12), {@link Duration} (tag
 * 14), {@link SurrealTable} (tag 7), {@link SurrealRecordId} and the schema's {@link RecordId}
 * (tag 8), {@link SurrealRange} (tag 49), {@link CborTagged}, Map with String keys, Collection
 * (sets too, as arrays, which every server version reads), Object[], float[] and double[].
 */
@Internal
public final class SurrealValueWriter {

    private SurrealValueWriter() {}

    public static void write(CborWriter out, Object value) {
        if (value == null) {
            out.writeNull();
        } else if (value instanceof String) {
            out.writeText((String) value);
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            out.writeLong(((Number) value).longValue());
        } else if (value instanceof Double) {
            out.writeDouble((Double) value);
        } else if (value instanceof Float) {
            out.writeFloat((Float) value);
        } else if (value instanceof Boolean) {
            out.writeBoolean((Boolean) value);
        } else if (value instanceof Map) {
            writeMap(out, (Map<?, ?>) value);
        } else if (value instanceof Collection) {
            writeCollection(out, (Collection<?>) value);
        } else if (value instanceof float[]) {
            out.writeFloatArray((float[]) value);
        } else {
            writeTyped(out, value);
        }
    }

    private static void writeTyped(CborWriter out, Object value) {
        if (value instanceof SurrealRecordId) {
            SurrealRecordId id = (SurrealRecordId) value;
            writeRecordId(out, id.table(), id.key());
        } else if (value instanceof RecordId) {
            RecordId id = (RecordId) value;
            writeRecordId(out, id.table(), id.key());
        } else if (value instanceof UUID) {
            writeUuid(out, (UUID) value);
        } else if (value instanceof Instant) {
            Instant instant = (Instant) value;
            out.writeTag(SurrealTags.DATETIME);
            out.writeArrayHeader(2);
            out.writeLong(instant.getEpochSecond());
            out.writeLong(instant.getNano());
        } else if (value instanceof Duration) {
            writeDuration(out, (Duration) value);
        } else if (value instanceof BigDecimal) {
            out.writeTag(SurrealTags.DECIMAL_TEXT);
            out.writeText(((BigDecimal) value).toPlainString());
        } else if (value instanceof SurrealNone) {
            out.writeTag(SurrealTags.NONE);
            out.writeNull();
        } else if (value instanceof SurrealTable) {
            out.writeTag(SurrealTags.TABLE);
            out.writeText(((SurrealTable) value).name());
        } else if (value instanceof SurrealRange) {
            writeRange(out, (SurrealRange) value);
        } else {
            writeOther(out, value);
        }
    }

    private static void writeOther(CborWriter out, Object value) {
        if (value instanceof byte[]) {
            out.writeBytes((byte[]) value);
        } else if (value instanceof double[]) {
            double[] values = (double[]) value;
            out.writeArrayHeader(values.length);
            for (double v : values) {
                out.writeDouble(v);
            }
        } else if (value instanceof Object[]) {
            Object[] values = (Object[]) value;
            out.writeArrayHeader(values.length);
            for (Object v : values) {
                write(out, v);
            }
        } else if (value instanceof BigInteger) {
            out.writeLong(longValue((BigInteger) value));
        } else if (value instanceof CborTagged) {
            out.writeTag(((CborTagged) value).tag());
            write(out, ((CborTagged) value).value());
        } else {
            throw new CborException("no SurrealDB value for " + value.getClass().getName());
        }
    }

    private static void writeMap(CborWriter out, Map<?, ?> map) {
        out.writeMapHeader(map.size());
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!(entry.getKey() instanceof String)) {
                throw new CborException("object keys must be strings, not " + entry.getKey());
            }
            out.writeText((String) entry.getKey());
            write(out, entry.getValue());
        }
    }

    private static void writeCollection(CborWriter out, Collection<?> values) {
        out.writeArrayHeader(values.size());
        for (Object v : values) {
            write(out, v);
        }
    }

    private static void writeRecordId(CborWriter out, String table, Object key) {
        out.writeTag(SurrealTags.RECORD_ID);
        out.writeArrayHeader(2);
        out.writeText(table);
        write(out, key);
    }

    private static void writeUuid(CborWriter out, UUID uuid) {
        out.writeTag(SurrealTags.UUID);
        byte[] bytes = new byte[16];
        long msb = uuid.getMostSignificantBits();
        long lsb = uuid.getLeastSignificantBits();
        for (int i = 0; i < 8; i++) {
            bytes[i] = (byte) (msb >>> (56 - 8 * i));
            bytes[8 + i] = (byte) (lsb >>> (56 - 8 * i));
        }
        out.writeBytes(bytes);
    }

    /** {@code []} for zero, {@code [secs]} without nanoseconds, as SurrealDB writes them. */
    private static void writeDuration(CborWriter out, Duration duration) {
        if (duration.isNegative()) {
            throw new CborException("SurrealDB durations cannot be negative: " + duration);
        }
        out.writeTag(SurrealTags.DURATION);
        long seconds = duration.getSeconds();
        int nanos = duration.getNano();
        out.writeArrayHeader(nanos != 0 ? 2 : seconds != 0 ? 1 : 0);
        if (seconds != 0 || nanos != 0) {
            out.writeLong(seconds);
        }
        if (nanos != 0) {
            out.writeLong(nanos);
        }
    }

    private static void writeRange(CborWriter out, SurrealRange range) {
        out.writeTag(SurrealTags.RANGE);
        out.writeArrayHeader(2);
        writeBound(out, range.lower());
        writeBound(out, range.upper());
    }

    private static void writeBound(CborWriter out, SurrealRange.Bound bound) {
        switch (bound.kind()) {
            case UNBOUNDED:
                out.writeNull();
                return;
            case INCLUSIVE:
                out.writeTag(SurrealTags.BOUND_INCLUDED);
                break;
            default:
                out.writeTag(SurrealTags.BOUND_EXCLUDED);
        }
        write(out, bound.value());
    }

    private static long longValue(BigInteger value) {
        if (value.bitLength() > 63) {
            throw new CborException("SurrealDB integers are 64-bit; " + value + " does not fit");
        }
        return value.longValue();
    }
}
