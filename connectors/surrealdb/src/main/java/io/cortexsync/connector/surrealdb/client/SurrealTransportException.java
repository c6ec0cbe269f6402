package io.cortexsync.connector.surrealdb.client;

import org.apache.flink.annotation.PublicEvolving;

/**
 * The request did not complete on the wire: connection refused or reset, TLS failure, I/O error.
 * Whether the server ran it is unknown, hence retries only for idempotent calls.
 */
@PublicEvolving
public class SurrealTransportException extends SurrealException {

    private static final long serialVersionUID = 1L;

    private final boolean retryable;

    public SurrealTransportException(String message, Throwable cause, boolean retryable) {
        super(message, cause);
        this.retryable = retryable;
    }

    /** False for failures that waiting cannot fix, such as an untrusted certificate. */
    boolean mayRecover() {
        return retryable;
    }
}
