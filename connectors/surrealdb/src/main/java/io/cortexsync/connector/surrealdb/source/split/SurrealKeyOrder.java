package io.cortexsync.connector.surrealdb.source.split;

import org.apache.flink.annotation.Internal;

import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The order in which SurrealDB stores record keys: numbers, then strings (by code point, which is
 * their UTF-8 byte order), then UUIDs (by bytes), then arrays, then objects.
 *
 * <p>The source needs it to tell which chunk a key belongs to; the engine does the scanning.
 */
@Internal
public final class SurrealKeyOrder implements Comparator<Object> {

    public static final SurrealKeyOrder INSTANCE = new SurrealKeyOrder();

    private SurrealKeyOrder() {}

    @Override
    public int compare(Object a, Object b) {
        int rank = Integer.compare(rank(a), rank(b));
        if (rank != 0) {
            return rank;
        }
        if (a instanceof Number) {
            return compareNumbers((Number) a, (Number) b);
        }
        if (a instanceof String) {
            return compareCodePoints((String) a, (String) b);
        }
        if (a instanceof UUID) {
            return compareUuids((UUID) a, (UUID) b);
        }
        if (a instanceof List) {
            return compareLists((List<?>) a, (List<?>) b);
        }
        if (a instanceof Map) {
            return compareLists(sortedEntries((Map<?, ?>) a), sortedEntries((Map<?, ?>) b));
        }
        return 0;
    }

    private static int rank(Object key) {
        if (key == null) {
            return 0;
        }
        if (key instanceof Boolean) {
            return 1;
        }
        if (key instanceof Number) {
            return 2;
        }
        if (key instanceof String) {
            return 3;
        }
        if (key instanceof UUID) {
            return 4;
        }
        if (key instanceof List) {
            return 5;
        }
        if (key instanceof Map) {
            return 6;
        }
        throw new IllegalArgumentException("not a record key value: " + key.getClass().getName());
    }

    private static int compareNumbers(Number a, Number b) {
        if (a instanceof Long && b instanceof Long) {
            return Long.compare(a.longValue(), b.longValue());
        }
        return Double.compare(a.doubleValue(), b.doubleValue());
    }

    /** Code point order, which equals UTF-8 byte order (String.compareTo's UTF-16 order does not). */
    static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }

    private static int compareUuids(UUID a, UUID b) {
        int high = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
        return high != 0 ? high : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
    }

    private int compareLists(List<?> a, List<?> b) {
        Iterator<?> ia = a.iterator();
        Iterator<?> ib = b.iterator();
        while (ia.hasNext() && ib.hasNext()) {
            int c = compare(ia.next(), ib.next());
            if (c != 0) {
                return c;
            }
        }
        return Boolean.compare(ia.hasNext(), ib.hasNext());
    }

    private static List<Object> sortedEntries(Map<?, ?> map) {
        TreeMap<String, Object> sorted = new TreeMap<>(SurrealKeyOrder::compareCodePoints);
        map.forEach((k, v) -> sorted.put(String.valueOf(k), v));
        List<Object> flat = new java.util.ArrayList<>();
        sorted.forEach((k, v) -> {
            flat.add(k);
            flat.add(v);
        });
        return flat;
    }
}
