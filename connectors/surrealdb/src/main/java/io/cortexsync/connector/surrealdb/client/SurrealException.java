package io.cortexsync.connector.surrealdb.client;

import org.apache.flink.annotation.PublicEvolving;

/** A failed call to SurrealDB; subclasses say why. */
@PublicEvolving
public class SurrealException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SurrealException(String message) {
        super(message);
    }

    public SurrealException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Whether the same call may succeed later, as {@link SurrealFailures#TRANSIENT} judges it;
     * only idempotent calls are retried.
     */
    public final boolean isRetryable() {
        return SurrealFailures.TRANSIENT.isTransient(this);
    }
}
