package io.cortexsync.connector.surrealdb.client.cbor;

import io.cortexsync.connector.surrealdb.client.SurrealNone;
import io.cortexsync.connector.surrealdb.client.SurrealRange;
import io.cortexsync.connector.surrealdb.client.SurrealRange.Bound;
import io.cortexsync.connector.surrealdb.client.SurrealRecordId;
import io.cortexsync.connector.surrealdb.client.SurrealTable;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

/** Turns a tag and its already decoded content into the Java value of SurrealDB's type. */
final class SurrealTagDecoder {

    private SurrealTagDecoder() {}

    static Object decode(long tag, Object content) {
        try {
            return decodeChecked(tag, content);
        } catch (ClassCastException | IndexOutOfBoundsException | IllegalArgumentException | DateTimeParseException e) {
            throw new CborException("malformed content of tag " + tag + ": " + e.getMessage());
        }
    }

    private static Object decodeChecked(long tag, Object content) {
        switch ((int) Math.min(tag, Integer.MAX_VALUE)) {
            case SurrealTags.NONE:
                return SurrealNone.NONE;
            case SurrealTags.TABLE:
                return new SurrealTable((String) content);
            case SurrealTags.RECORD_ID:
                return recordId(content);
            case SurrealTags.UUID_TEXT:
                return UUID.fromString((String) content);
            case SurrealTags.UUID:
                return uuid((byte[]) content);
            case SurrealTags.DECIMAL_TEXT:
                return new BigDecimal((String) content);
            case SurrealTags.DATETIME:
                return datetime((List<?>) content);
            case SurrealTags.DATETIME_TEXT:
                return Instant.parse((String) content);
            case SurrealTags.DATETIME_EPOCH:
                return Instant.ofEpochMilli(Math.round(((Number) content).doubleValue() * 1000));
            case SurrealTags.DURATION:
                return duration((List<?>) content);
            case SurrealTags.RANGE:
                return range((List<?>) content);
            case SurrealTags.BOUND_INCLUDED:
                return Bound.inclusive(content);
            case SurrealTags.BOUND_EXCLUDED:
                return Bound.exclusive(content);
            case SurrealTags.SET:
                return new LinkedHashSet<>((List<?>) content);
            case SurrealTags.BIGNUM_POSITIVE:
                return new BigInteger(1, (byte[]) content);
            case SurrealTags.BIGNUM_NEGATIVE:
                return new BigInteger(1, (byte[]) content).negate().subtract(BigInteger.ONE);
            default:
                return new CborTagged(tag, content);
        }
    }

    /** {@code [table, key]}; the table may itself come as a tag-7 table. */
    private static SurrealRecordId recordId(Object content) {
        List<?> parts = (List<?>) content;
        if (parts.size() != 2) {
            throw new IllegalArgumentException("a record id has 2 parts, not " + parts.size());
        }
        Object table = parts.get(0);
        String name = table instanceof SurrealTable ? ((SurrealTable) table).name() : (String) table;
        return SurrealRecordId.ofKey(name, parts.get(1));
    }

    private static UUID uuid(byte[] bytes) {
        if (bytes.length != 16) {
            throw new IllegalArgumentException("a UUID has 16 bytes, not " + bytes.length);
        }
        long msb = 0;
        long lsb = 0;
        for (int i = 0; i < 8; i++) {
            msb = (msb << 8) | (bytes[i] & 0xff);
            lsb = (lsb << 8) | (bytes[8 + i] & 0xff);
        }
        return new UUID(msb, lsb);
    }

    private static Instant datetime(List<?> parts) {
        long seconds = parts.isEmpty() ? 0 : ((Number) parts.get(0)).longValue();
        long nanos = parts.size() < 2 ? 0 : ((Number) parts.get(1)).longValue();
        return Instant.ofEpochSecond(seconds, nanos);
    }

    /** {@code [secs?, nanos?]}: missing parts are zero. */
    private static Duration duration(List<?> parts) {
        long seconds = parts.isEmpty() ? 0 : ((Number) parts.get(0)).longValue();
        long nanos = parts.size() < 2 ? 0 : ((Number) parts.get(1)).longValue();
        return Duration.ofSeconds(seconds, nanos);
    }

    private static SurrealRange range(List<?> bounds) {
        if (bounds.size() != 2) {
            throw new IllegalArgumentException("a range has 2 bounds, not " + bounds.size());
        }
        return new SurrealRange(bound(bounds.get(0)), bound(bounds.get(1)));
    }

    private static Bound bound(Object bound) {
        return bound == null ? Bound.unbounded() : (Bound) bound;
    }
}
