package io.cortexsync.connector.surrealdb.client;

import io.cortexsync.connector.common.retry.FailureClassifier;
import io.cortexsync.connector.common.retry.TransientFailures;

import org.apache.flink.annotation.Internal;

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
}
