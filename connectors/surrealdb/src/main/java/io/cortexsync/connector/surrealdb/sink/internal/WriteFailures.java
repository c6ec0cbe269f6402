package io.cortexsync.connector.surrealdb.sink.internal;

import io.cortexsync.connector.surrealdb.client.StatementResult;
import io.cortexsync.connector.surrealdb.client.SurrealException;
import io.cortexsync.connector.surrealdb.client.SurrealFailures;
import io.cortexsync.connector.surrealdb.client.SurrealStatementException;

import org.apache.flink.annotation.Internal;

import java.util.Locale;
import java.util.regex.Pattern;

/** Sorts the failures of a batch's transaction that the writer handles rather than fails on. */
@Internal
public final class WriteFailures {

    /** What SurrealDB says when a statement was only cancelled because another one failed. */
    private static final String CANCELLED = "not executed due to";

    /**
     * Statement errors that are about the session, the database or the server rather than the
     * record: access, missing namespace, database or table, time limits. Matching any of them
     * errs on the safe side (the job fails instead of dropping a record).
     */
    private static final Pattern NOT_ABOUT_THE_RECORD = Pattern.compile(
            "not enough permissions|permission denied|anonymous access|\\biam error"
                    + "|\\b(namespace|database|table) ['`\"][^'`\"]*['`\"] does not exist"
                    + "|exceeded the timeout|timed out|query was cancelled",
            Pattern.CASE_INSENSITIVE);

    private WriteFailures() {}

    /**
     * The server rejected one statement for what it writes, so that writing the same record again
     * will fail again: a value of the wrong type for a SCHEMAFULL table, a failed {@code ASSERT}, a
     * {@code UNIQUE} index clash, a value the engine refuses. Only an {@code ERR} reported by a
     * statement of the transaction itself counts, never one of {@code BEGIN} or {@code COMMIT}.
     * Errors of the whole request (authentication, permissions refused before any statement runs,
     * transport, HTTP) are other exceptions, and statement errors about access, missing namespaces,
     * databases or tables, or time limits are excluded: they concern every record alike.
     */
    public static boolean isRejectedWrite(SurrealException e) {
        if (!(e instanceof SurrealStatementException) || SurrealFailures.isTransactionConflict(e)) {
            return false;
        }
        SurrealStatementException failed = (SurrealStatementException) e;
        String message = failed.serverMessage();
        if (message == null || message.isBlank()) {
            return false;
        }
        for (StatementResult result : failed.results()) {
            if (result.index() == failed.statementIndex()) {
                return !result.ok()
                        && message.equals(result.errorMessage())
                        && !message.contains(CANCELLED)
                        && !NOT_ABOUT_THE_RECORD.matcher(message).find();
            }
        }
        return false;
    }

    /**
     * The failed statement met a table that does not exist. SurrealDB 3 answers so to a
     * {@code DELETE} on a table never written, which, for the sink, is a delete with nothing to do.
     */
    public static boolean isMissingTable(SurrealStatementException e) {
        String message = e.serverMessage() == null ? "" : e.serverMessage().toLowerCase(Locale.ROOT);
        return message.contains("table") && message.contains("does not exist");
    }
}
