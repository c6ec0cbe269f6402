package io.cortexsync.cli.options;

import io.cortexsync.cli.InvalidOptionException;

import java.util.regex.Pattern;

/** The checks the commands' options share; each failure names the option. */
public final class OptionChecks {

    public static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    public static final Pattern COLLECTION_NAME = Pattern.compile("[A-Za-z0-9_.\\-]{1,255}");

    private OptionChecks() {}

    public static void require(Object value, String option) {
        if (value == null || value instanceof String && ((String) value).isBlank()) {
            throw new InvalidOptionException(option, "required");
        }
    }

    public static void inRange(long value, long min, long max, String option) {
        if (value < min || value > max) {
            throw new InvalidOptionException(option, value + " is out of range (" + min + ".." + max + ")");
        }
    }

    public static void matches(String value, Pattern pattern, String option, String what) {
        require(value, option);
        if (!pattern.matcher(value).matches()) {
            throw new InvalidOptionException(option, "'" + value + "' is not " + what);
        }
    }
}
