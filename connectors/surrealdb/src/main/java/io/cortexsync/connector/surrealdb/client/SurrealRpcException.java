package io.cortexsync.connector.surrealdb.client;

import org.apache.flink.annotation.PublicEvolving;

/**
 * The server refused the whole RPC call with an error reply, e.g. code -32000 for a SurrealQL
 * parse error, -32002 for missing permissions, -32601 for an unknown method.
 */
@PublicEvolving
public class SurrealRpcException extends SurrealException {

    private static final long serialVersionUID = 1L;

    private final long code;
    private final String serverMessage;
    private final String kind;

    public SurrealRpcException(String method, long code, String serverMessage, String kind) {
        super("SurrealDB rejected '" + method + "' with code " + code
                + (kind == null ? "" : " (" + kind + ")") + ": " + serverMessage);
        this.code = code;
        this.serverMessage = serverMessage;
        this.kind = kind;
    }

    public long code() {
        return code;
    }

    /** The server's message, unchanged. */
    public String serverMessage() {
        return serverMessage;
    }

    /** SurrealDB 3's error kind (e.g. {@code Validation}, {@code NotAllowed}); null on older servers. */
    public String kind() {
        return kind;
    }
}
