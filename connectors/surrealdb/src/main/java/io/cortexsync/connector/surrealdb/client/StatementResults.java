package io.cortexsync.connector.surrealdb.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads the per-statement results of {@code query} and checks every status. */
final class StatementResults {

    /** What SurrealDB 3 reports for statements cancelled by another statement's failure. */
    private static final String NOT_EXECUTED_KIND = "NotExecuted";
    private static final String NOT_EXECUTED_TEXT = "not executed due to a failed transaction";

    private StatementResults() {}

    /** Every statement's result, indexed from {@code firstIndex}. */
    static List<StatementResult> parse(Object reply, int firstIndex) {
        if (!(reply instanceof List)) {
            throw new SurrealException("query returned " + reply + " instead of a list of statement results");
        }
        List<?> entries = (List<?>) reply;
        List<StatementResult> results = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            if (!(entries.get(i) instanceof Map)) {
                throw new SurrealException("statement result " + i + " is not an object: " + entries.get(i));
            }
            Map<?, ?> entry = (Map<?, ?>) entries.get(i);
            Object status = entry.get("status");
            Object kind = entry.get("kind");
            results.add(new StatementResult(
                    firstIndex + i,
                    "OK".equals(status),
                    entry.get("time") == null ? null : String.valueOf(entry.get("time")),
                    entry.get("result"),
                    kind instanceof String ? (String) kind : null));
        }
        return results;
    }

    /** Throws for the first {@code ERR}, unless {@code raw}; returns the results otherwise. */
    static List<StatementResult> checked(List<StatementResult> results, boolean raw) {
        if (!raw) {
            for (StatementResult result : results) {
                if (!result.ok()) {
                    throw new SurrealStatementException(result.index(), result.errorMessage(), results);
                }
            }
        }
        return results;
    }

    /**
     * The results of the statements between {@code BEGIN} and {@code COMMIT}. SurrealDB 3 also
     * answers for {@code BEGIN} (and for {@code COMMIT} when it succeeded), 2.x for neither.
     * When the transaction failed, the statement that caused it is the one reported, not those
     * cancelled with it.
     */
    static List<StatementResult> ofTransaction(Object reply, int count, int firstIndex, boolean raw) {
        List<StatementResult> all = parse(reply, 0);
        if (all.size() < count) {
            throw new SurrealException("a transaction of " + count + " statements returned " + all.size() + " results");
        }
        int offset = all.size() > count ? 1 : 0;
        List<StatementResult> inner = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            StatementResult r = all.get(offset + i);
            inner.add(new StatementResult(firstIndex + i, r.ok(), r.time(), r.result(), r.errorKind()));
        }
        if (raw) {
            return inner;
        }
        StatementResult cause = null;
        for (StatementResult r : all) {
            if (!r.ok() && (cause == null || (isCancelled(cause) && !isCancelled(r)))) {
                cause = r;
            }
        }
        if (cause != null) {
            int position = cause.index() - offset;
            String where = position < 0 ? " (at BEGIN)" : position >= count ? " (at COMMIT)" : "";
            throw new SurrealStatementException(
                    firstIndex + Math.max(0, Math.min(position, count - 1)), cause.errorMessage() + where, inner);
        }
        return inner;
    }

    private static boolean isCancelled(StatementResult result) {
        return NOT_EXECUTED_KIND.equals(result.errorKind())
                || String.valueOf(result.result()).contains(NOT_EXECUTED_TEXT);
    }
}
