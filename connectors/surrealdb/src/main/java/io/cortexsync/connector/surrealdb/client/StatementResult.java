package io.cortexsync.connector.surrealdb.client;

import org.apache.flink.annotation.PublicEvolving;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The outcome of one statement of a {@code query}: status {@code OK} with its result, or
 * {@code ERR} with the server's message as {@link #errorMessage()}.
 *
 * @param index the statement's 0-based index among those the caller sent
 * @param ok whether the status was {@code OK}
 * @param time the server's execution time, as it printed it (e.g. {@code 169.477µs})
 * @param result the statement's value; for {@code ERR}, the error message
 * @param errorKind SurrealDB 3's kind of error (e.g. {@code AlreadyExists}); null otherwise
 */
@PublicEvolving
public record StatementResult(int index, boolean ok, String time, Object result, String errorKind) {

    /** The error message of an {@code ERR} statement; null when it succeeded. */
    public String errorMessage() {
        return ok ? null : String.valueOf(result);
    }

    /** The result as a list: itself when it is one, empty for NONE or null, else a list of one. */
    public List<Object> resultList() {
        if (result instanceof List) {
            return new ArrayList<>((List<?>) result);
        }
        List<Object> list = new ArrayList<>(1);
        if (result != null && result != SurrealNone.NONE) {
            list.add(result);
        }
        return list;
    }

    /** The result's records, for statements that return objects ({@code SELECT}, {@code UPSERT}, ...). */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> records() {
        List<Map<String, Object>> records = new ArrayList<>();
        for (Object item : resultList()) {
            if (!(item instanceof Map)) {
                throw new IllegalStateException(
                        "statement " + index + " returned " + describe(item) + ", not records");
            }
            records.add((Map<String, Object>) item);
        }
        return records;
    }

    private static String describe(Object item) {
        return item == null ? "null" : "a " + item.getClass().getSimpleName();
    }
}
