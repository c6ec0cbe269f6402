package io.cortexsync.connector.surrealdb.client;

import org.apache.flink.annotation.PublicEvolving;

/** The connection or the reply took longer than the configured timeout. */
@PublicEvolving
public class SurrealTimeoutException extends SurrealTransportException {

    private static final long serialVersionUID = 1L;

    public SurrealTimeoutException(String message, Throwable cause) {
        super(message, cause, true);
    }
}
