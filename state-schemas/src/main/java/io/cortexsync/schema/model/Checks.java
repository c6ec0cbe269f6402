package io.cortexsync.schema.model;

import java.util.Objects;
import java.util.regex.Pattern;

/** Argument checks shared by the records; messages name the field. */
final class Checks {

    private static final Pattern HASH_HEX = Pattern.compile("[0-9a-f]{32}");

    private Checks() {}

    static <T> T required(T value, String field) {
        return Objects.requireNonNull(value, () -> field + " must not be null");
    }

    static String nonBlank(String value, String field) {
        required(value, field);
        if (value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
        return value;
    }

    static String nullOrNonBlank(String value, String field) {
        return value == null ? null : nonBlank(value, field);
    }

    static int nonNegative(int value, String field) {
        if (value < 0) {
            throw new IllegalArgumentException(field + " must not be negative, got " + value);
        }
        return value;
    }

    static long nonNegative(long value, String field) {
        if (value < 0) {
            throw new IllegalArgumentException(field + " must not be negative, got " + value);
        }
        return value;
    }

    static String nullOrHash(String value, String field) {
        if (value != null && !HASH_HEX.matcher(value).matches()) {
            throw new IllegalArgumentException(
                    field + " must be 32 lower-case hex characters, got '" + value + "'");
        }
        return value;
    }

    /** At most {@code max} characters, for toString of values that may be large. */
    static String abbreviate(String value, int max) {
        if (value == null || value.length() <= max) {
            return value;
        }
        return value.substring(0, max) + "…(" + value.length() + " chars)";
    }
}
