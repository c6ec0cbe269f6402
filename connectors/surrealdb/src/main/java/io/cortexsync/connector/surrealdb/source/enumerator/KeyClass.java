package io.cortexsync.connector.surrealdb.source.enumerator;

import io.cortexsync.connector.surrealdb.client.SurrealRange.Bound;
import io.cortexsync.connector.surrealdb.client.SurrealRange.BoundKind;
import io.cortexsync.connector.surrealdb.source.split.KeyRange;
import io.cortexsync.connector.surrealdb.source.split.SurrealKeyOrder;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The kinds of record keys, in SurrealDB's key order; each fills one contiguous range of the key
 * space, so together they cover every key: integers below {@code ""} (the smallest string),
 * strings below the zero UUID, UUIDs below {@code []} (the smallest array), then arrays and
 * objects.
 */
enum KeyClass {
    INTEGER(Bound.unbounded(), Bound.exclusive("")) {
        @Override
        List<?> points(Bound lower, Bound upper, Object first, Object last, int pieces, KeyAlphabet alphabet) {
            long low = first instanceof Long ? (Long) first
                    : lower.value() instanceof Long ? (Long) lower.value() : Long.MIN_VALUE;
            long high = last instanceof Long ? (Long) last
                    : upper.value() instanceof Long ? (Long) upper.value() - 1 : Long.MAX_VALUE;
            return SplitPoints.longs(low, high, pieces);
        }
    },
    STRING(Bound.inclusive(""), Bound.exclusive(new UUID(0L, 0L))) {
        @Override
        List<?> points(Bound lower, Bound upper, Object first, Object last, int pieces, KeyAlphabet alphabet) {
            String low = first instanceof String ? (String) first : (String) lower.value();
            // the smallest string above `last` is last + U+0000
            String highExclusive = last instanceof String ? last + "\u0000"
                    : upper.value() instanceof String ? (String) upper.value() : null;
            return SplitPoints.strings(low, highExclusive, Math.max(MIN_STRING_CUTS, 2 * pieces), alphabet);
        }
    },
    UUID_KEY(Bound.inclusive(new UUID(0L, 0L)), Bound.exclusive(List.of())) {
        @Override
        List<?> points(Bound lower, Bound upper, Object first, Object last, int pieces, KeyAlphabet alphabet) {
            UUID low = first instanceof UUID ? (UUID) first : (UUID) lower.value();
            UUID high = last instanceof UUID ? (UUID) last
                    : upper.value() instanceof UUID ? justBelow((UUID) upper.value()) : new UUID(-1L, -1L);
            return SplitPoints.uuids(low, high, pieces);
        }
    },
    /** Arrays and objects: rare as keys, cut by key positions instead of synthesized keys. */
    COMPOSITE(Bound.inclusive(List.of()), Bound.unbounded()) {
        @Override
        List<?> points(Bound lower, Bound upper, Object first, Object last, int pieces, KeyAlphabet alphabet) {
            return List.of();
        }
    };

    /** Fewest cut points for a string range: a coarser cut needs more requests than it saves counts. */
    private static final int MIN_STRING_CUTS = 16;

    private final Bound lower;
    private final Bound upper;

    KeyClass(Bound lower, Bound upper) {
        this.lower = lower;
        this.upper = upper;
    }

    /** Every key of this kind and no other. */
    KeyRange range() {
        return new KeyRange(lower, upper);
    }

    boolean synthesizesKeys() {
        return this != COMPOSITE;
    }

    /** Whether {@code key} is of a kind SurrealDB record keys have. */
    static boolean isKey(Object key) {
        return key instanceof Number || key instanceof String || key instanceof UUID
                || key instanceof List || key instanceof Map;
    }

    static KeyClass of(Object key) {
        if (key instanceof Number) {
            return INTEGER;
        }
        if (key instanceof String) {
            return STRING;
        }
        if (key instanceof UUID) {
            return UUID_KEY;
        }
        if (key instanceof List || key instanceof Map) {
            return COMPOSITE;
        }
        throw new IllegalArgumentException("not a record key: " + (key == null ? null : key.getClass().getName()));
    }

    /**
     * Keys of this class strictly inside {@code (lower, upper)}, increasing, that cut the keys
     * between {@code first} and {@code last} (the smallest and largest keys known to be in the
     * range, or null) into about {@code pieces} parts.
     */
    List<Object> splitPoints(KeyRange range, Object first, Object last, int pieces, KeyAlphabet alphabet) {
        List<Object> inside = new ArrayList<>();
        Object previous = range.lower().kind() == BoundKind.UNBOUNDED ? null : range.lower().value();
        for (Object p : points(range.lower(), range.upper(), first, last, pieces, alphabet)) {
            if (range.contains(p) && (previous == null || SurrealKeyOrder.INSTANCE.compare(p, previous) > 0)) {
                inside.add(p);
                previous = p;
            }
        }
        return inside;
    }

    private static UUID justBelow(UUID uuid) {
        return SplitPoints.fromUnsigned(SplitPoints.toUnsigned(uuid).subtract(BigInteger.ONE));
    }

    abstract List<?> points(Bound lower, Bound upper, Object first, Object last, int pieces, KeyAlphabet alphabet);
}
