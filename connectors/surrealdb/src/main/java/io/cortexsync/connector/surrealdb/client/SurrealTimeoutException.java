package io.cortexsync.connector.surrealdb.client;

/** The connection or the reply took longer than the configured timeout. */
public class SurrealTimeoutException extends SurrealTransportException {

    private static final long serialVersionUID = 1L;

    public SurrealTimeoutException(String message, Throwable cause) {
        super(message, cause, true);
    }
}
