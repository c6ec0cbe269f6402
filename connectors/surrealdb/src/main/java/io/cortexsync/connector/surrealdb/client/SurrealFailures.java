package io.cortexsync.connector.surrealdb.client;

import io.cortexsync.connector.common.retry.FailureClassifier;
import io.cortexsync.connector.common.retry.TransientFailures;

import org.apache.flink.annotation.Internal;

import java.util.Locale;

/** Which failures of a SurrealDB call are worth a retry (for idempotent calls only). */
@Internal
public final class SurrealFailures {

    /**
     * The request did not complete on the wire (refused, reset, timed out; an untrusted
     * certificate excepted), or the server failed with a 5xx, e.g. 503 while it starts. Client
     * errors, refused statements and authentication failures will not change by waiting.
     */
    public static final TransientFailures TRANSIENT = TransientFailures.of(
            FailureClassifier.of("transport", failure -> failure instanceof SurrealTransportException
                    && ((SurrealTransportException) failure).mayRecover()),
            FailureClassifier.of("HTTP 5xx", failure -> failure instanceof SurrealHttpException
                    && ((SurrealHttpException) failure).status() >= 500));

    private SurrealFailures() {}

    /**
     * A statement that failed because a concurrent transaction wrote the same keys: SurrealDB
     * commits optimistically and asks for such a transaction to be retried. Running it again is
     * safe because nothing of it was committed.
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

    static boolean mentionsConflict(String message) {
        if (message == null) {
            return false;
        }
        String text = message.toLowerCase(Locale.ROOT);
        return text.contains("conflict") && (text.contains("transaction") || text.contains("retried"));
    }
}
