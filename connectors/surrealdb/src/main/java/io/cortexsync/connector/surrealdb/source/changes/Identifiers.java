package io.cortexsync.connector.surrealdb.source.changes;

import org.apache.flink.annotation.Internal;

import java.util.regex.Pattern;

/**
 * The few names the source must write into SurrealQL text (a table to define, projected fields):
 * accepted only when they are plain identifiers, so no data can change a query.
 */
@Internal
public final class Identifiers {

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");

    private Identifiers() {}

    public static boolean isPlain(String name) {
        return name != null && IDENTIFIER.matcher(name).matches();
    }

    /** {@code name} itself, if it is a plain identifier ({@code [A-Za-z_][A-Za-z0-9_]*}). */
    public static String checked(String name) {
        if (!isPlain(name)) {
            throw new IllegalArgumentException("'" + name + "' is not a plain identifier ([A-Za-z_][A-Za-z0-9_]*)");
        }
        return name;
    }
}
