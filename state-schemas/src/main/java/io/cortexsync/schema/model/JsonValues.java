package io.cortexsync.schema.model;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks and normalizes JSON-like values (metadata): {@code null}, {@link String}, {@link Boolean},
 * numbers, {@link List} and {@link Map} with {@link String} keys.
 *
 * <p>The result is a deep, unmodifiable copy in which every integer is a {@link Long} (or a {@link
 * BigInteger} when it does not fit 64 bits) and every other number is a finite {@link Double}:
 * {@code Integer}, {@code Short} and {@code Byte} widen to {@code Long}; {@code Float} widens
 * exactly to {@code Double}; {@code BigDecimal} becomes the nearest {@code Double}. So equal values
 * are equal Java objects, whichever decoder produced them. NaN and infinities have no JSON form and
 * are rejected, as are nesting deeper than {@link #MAX_DEPTH}, strings with unpaired surrogates,
 * and any other type. Maps keep their iteration order.
 */
public final class JsonValues {

    /** The deepest nesting of lists and maps accepted. */
    public static final int MAX_DEPTH = 64;

    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private JsonValues() {}

    /** A normalized, unmodifiable deep copy of a metadata map. */
    public static Map<String, Object> normalizeObject(Map<?, ?> map) {
        if (map == null) {
            throw new IllegalArgumentException("metadata must not be null");
        }
        return copyMap(map, "metadata", 1);
    }

    /** A normalized, unmodifiable deep copy of one JSON-like value. */
    public static Object normalize(Object value) {
        return copy(value, "value", 0);
    }

    /** Copies one value; {@code depth} is the nesting level of the container holding it. */
    private static Object copy(Object value, String path, int depth) {
        if (value == null || value instanceof String || value instanceof Boolean) {
            if (value instanceof String) {
                checkWellFormed((String) value, path);
            }
            return value;
        }
        if (value instanceof Long || value instanceof Double) {
            if (value instanceof Double) {
                checkFinite((Double) value, path);
            }
            return value;
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Float) {
            double widened = (Float) value;
            checkFinite(widened, path);
            return widened;
        }
        if (value instanceof BigInteger) {
            BigInteger big = (BigInteger) value;
            return big.compareTo(LONG_MIN) >= 0 && big.compareTo(LONG_MAX) <= 0
                    ? (Object) big.longValue()
                    : big;
        }
        if (value instanceof BigDecimal) {
            double nearest = ((BigDecimal) value).doubleValue();
            checkFinite(nearest, path);
            return nearest;
        }
        if (value instanceof Map) {
            return copyMap((Map<?, ?>) value, path, depth + 1);
        }
        if (value instanceof List) {
            checkDepth(path, depth + 1);
            List<?> list = (List<?>) value;
            List<Object> out = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                out.add(copy(list.get(i), path + "[" + i + "]", depth + 1));
            }
            return Collections.unmodifiableList(out);
        }
        throw new IllegalArgumentException(
                path
                        + " has the unsupported type "
                        + value.getClass().getName()
                        + ": metadata values are null, strings, booleans, numbers, lists and maps");
    }

    private static Map<String, Object> copyMap(Map<?, ?> map, String path, int depth) {
        checkDepth(path, depth);
        Map<String, Object> out = new LinkedHashMap<>(Math.max(4, map.size() * 2));
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getKey() instanceof String)) {
                throw new IllegalArgumentException(
                        path + " has a non-string key " + e.getKey() + ": JSON keys are strings");
            }
            String key = (String) e.getKey();
            checkWellFormed(key, path + " key");
            out.put(key, copy(e.getValue(), path + "." + key, depth));
        }
        return Collections.unmodifiableMap(out);
    }

    private static void checkDepth(String path, int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException(
                    path + " is nested deeper than " + MAX_DEPTH + " levels");
        }
    }

    private static void checkFinite(double value, String path) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(path + " is " + value + ", which has no JSON form");
        }
    }

    private static void checkWellFormed(String s, String path) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)
                    && i + 1 < s.length()
                    && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException(
                        path + " contains an unpaired surrogate at index " + i);
            }
        }
    }
}
