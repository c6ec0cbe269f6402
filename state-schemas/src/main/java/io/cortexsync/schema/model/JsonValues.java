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
        try {
            return copyMap(map, 1);
        } catch (Rejected e) {
            throw e.at("metadata");
        }
    }

    /** A normalized, unmodifiable deep copy of one JSON-like value. */
    public static Object normalize(Object value) {
        try {
            return copy(value, 0);
        } catch (Rejected e) {
            throw e.at("value");
        }
    }

    /**
     * A rejected value, on its way out to the top, where its path is known: the path's text is
     * made only for a value that is rejected, not for every key and element of every record.
     */
    private static final class Rejected extends RuntimeException {
        private static final long serialVersionUID = 1L;

        private final List<String> steps = new ArrayList<>();

        Rejected(String problem) {
            super(problem, null, false, false);
        }

        /** The same rejection, one container further out ({@code step} is ".key" or "[i]"). */
        Rejected under(String step) {
            steps.add(step);
            return this;
        }

        IllegalArgumentException at(String root) {
            StringBuilder path = new StringBuilder(root);
            for (int i = steps.size() - 1; i >= 0; i--) {
                path.append(steps.get(i));
            }
            return new IllegalArgumentException(path + getMessage());
        }
    }

    /** Copies one value; {@code depth} is the nesting level of the container holding it. */
    private static Object copy(Object value, int depth) {
        if (value == null || value instanceof String || value instanceof Boolean) {
            if (value instanceof String) {
                checkWellFormed((String) value, "");
            }
            return value;
        }
        if (value instanceof Long || value instanceof Double) {
            if (value instanceof Double) {
                checkFinite((Double) value);
            }
            return value;
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Float) {
            double widened = (Float) value;
            checkFinite(widened);
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
            checkFinite(nearest);
            return nearest;
        }
        if (value instanceof Map) {
            return copyMap((Map<?, ?>) value, depth + 1);
        }
        if (value instanceof List) {
            checkDepth(depth + 1);
            List<?> list = (List<?>) value;
            List<Object> out = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                try {
                    out.add(copy(list.get(i), depth + 1));
                } catch (Rejected e) {
                    throw e.under("[" + i + "]");
                }
            }
            return Collections.unmodifiableList(out);
        }
        throw new Rejected(" has the unsupported type "
                + value.getClass().getName()
                + ": metadata values are null, strings, booleans, numbers, lists and maps");
    }

    private static Map<String, Object> copyMap(Map<?, ?> map, int depth) {
        checkDepth(depth);
        Map<String, Object> out = new LinkedHashMap<>(Math.max(4, map.size() * 2));
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getKey() instanceof String)) {
                throw new Rejected(" has a non-string key " + e.getKey() + ": JSON keys are strings");
            }
            String key = (String) e.getKey();
            checkWellFormed(key, " key");
            try {
                out.put(key, copy(e.getValue(), depth));
            } catch (Rejected rejected) {
                throw rejected.under("." + key);
            }
        }
        return Collections.unmodifiableMap(out);
    }

    private static void checkDepth(int depth) {
        if (depth > MAX_DEPTH) {
            throw new Rejected(" is nested deeper than " + MAX_DEPTH + " levels");
        }
    }

    private static void checkFinite(double value) {
        if (!Double.isFinite(value)) {
            throw new Rejected(" is " + value + ", which has no JSON form");
        }
    }

    /** {@code what} names the checked string after the path: "" for a value, " key" for a key. */
    private static void checkWellFormed(String s, String what) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)
                    && i + 1 < s.length()
                    && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new Rejected(what + " contains an unpaired surrogate at index " + i);
            }
        }
    }
}
