package io.cortexsync.connector.surrealdb.sink.internal;

import io.cortexsync.connector.surrealdb.client.StatementResult;
import io.cortexsync.connector.surrealdb.client.SurrealException;
import io.cortexsync.connector.surrealdb.client.SurrealRpcException;
import io.cortexsync.connector.surrealdb.client.SurrealStatementException;

import java.util.Locale;

/**
 * Recognizes a transaction that failed because a concurrent one wrote the same keys: SurrealDB
 * commits optimistically and asks for such a transaction to be retried. Running it again is safe
 * because nothing of it was committed.
 */
public final class TransactionConflicts {

    private TransactionConflicts() {}

    public static boolean isConflict(SurrealException e) {
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

    static boolean mentionsConflict(String message) {
        if (message == null) {
            return false;
        }
        String text = message.toLowerCase(Locale.ROOT);
        return text.contains("conflict") && (text.contains("transaction") || text.contains("retried"));
    }
}
