package io.cortexsync.connector.surrealdb.client;

import org.apache.flink.annotation.PublicEvolving;

/** The server refused the credentials (HTTP 401); the message carries the server's text. */
@PublicEvolving
public class SurrealAuthenticationException extends SurrealException {

    private static final long serialVersionUID = 1L;

    private final String serverMessage;

    public SurrealAuthenticationException(String serverMessage) {
        super("SurrealDB refused the credentials: " + serverMessage);
        this.serverMessage = serverMessage;
    }

    public String serverMessage() {
        return serverMessage;
    }
}
