package io.cortexsync.connector.surrealdb.sink.internal;

import io.cortexsync.connector.surrealdb.client.StatementResult;
import io.cortexsync.connector.surrealdb.client.SurrealException;
import io.cortexsync.connector.surrealdb.client.SurrealRpcException;
import io.cortexsync.connector.surrealdb.client.SurrealStatementException;

import java.util.Locale;

/** Sorts the failures of a batch's transaction that the writer handles rather than fails on. */
public final class WriteFailures {

    private WriteFailures() {}

    /**
     * A transaction that failed because a concurrent one wrote the same keys: SurrealDB commits
     * optimistically and asks for such a transaction to be retried. Running it again is safe
     * because nothing of it was committed.
     */
    public static boolean isTransactionConflict(SurrealException e) {
        if (e instanceof SurrealStatementException) {
            SurrealStatementException failed = (SurrealStatementException) e;
            for (StatementResult result : failed.results()) {
                if (!result.ok() && result.errorKind() != null
                        && result.errorKind().toLowerCase(Locale.ROOT).contains("conflict")) {
                    return true;
                }
            }
            return mentionsConflict(failed.serverMessage());
        }
        if (e instanceof SurrealRpcException) {
            return mentionsConflict(((SurrealRpcException) e).serverMessage());
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

    static boolean mentionsConflict(String message) {
        if (message == null) {
            return false;
        }
        String text = message.toLowerCase(Locale.ROOT);
        return text.contains("conflict") && (text.contains("transaction") || text.contains("retried"));
    }
}
