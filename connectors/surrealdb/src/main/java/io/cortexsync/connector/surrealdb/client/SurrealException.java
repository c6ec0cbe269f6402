package io.cortexsync.connector.surrealdb.client;

/** A failed call to SurrealDB; subclasses say why. */
public class SurrealException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SurrealException(String message) {
        super(message);
    }

    public SurrealException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Whether the same call may succeed later (transport failures, 5xx); only idempotent calls are retried. */
    public boolean isRetryable() {
        return false;
    }
}
