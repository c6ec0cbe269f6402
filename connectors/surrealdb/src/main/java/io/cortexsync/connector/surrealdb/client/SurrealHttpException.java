package io.cortexsync.connector.surrealdb.client;

import org.apache.flink.annotation.PublicEvolving;

/** An HTTP status the RPC endpoint should not give (5xx, or an unexpected 4xx). */
@PublicEvolving
public class SurrealHttpException extends SurrealException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String body;

    public SurrealHttpException(int status, String body) {
        super("SurrealDB answered HTTP " + status + (body.isEmpty() ? "" : ": " + body));
        this.status = status;
        this.body = body;
    }

    public int status() {
        return status;
    }

    public String body() {
        return body;
    }
}
