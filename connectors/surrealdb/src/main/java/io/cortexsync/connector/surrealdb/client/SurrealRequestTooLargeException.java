package io.cortexsync.connector.surrealdb.client;

import org.apache.flink.annotation.PublicEvolving;

/**
 * A request body over the size limit: refused by the server (HTTP 413) or, before sending, by
 * this client. When one statement alone is too large, {@link #statementLabel()} names it (e.g.
 * its record id) so that the caller can set it aside.
 */
@PublicEvolving
public class SurrealRequestTooLargeException extends SurrealException {

    private static final long serialVersionUID = 1L;

    private final long requestBytes;
    private final long limitBytes;
    private final int statementIndex;
    private final String statementLabel;

    private SurrealRequestTooLargeException(
            String message, long requestBytes, long limitBytes, int statementIndex, String statementLabel) {
        super(message);
        this.requestBytes = requestBytes;
        this.limitBytes = limitBytes;
        this.statementIndex = statementIndex;
        this.statementLabel = statementLabel;
    }

    /** A whole request over the limit. */
    public static SurrealRequestTooLargeException request(long requestBytes, long limitBytes, String detail) {
        return new SurrealRequestTooLargeException(
                "request of " + requestBytes + " bytes exceeds the limit of " + limitBytes + " bytes" + detail,
                requestBytes, limitBytes, -1, null);
    }

    /** One statement that does not fit a request even alone. */
    public static SurrealRequestTooLargeException statement(
            int index, String label, long requestBytes, long limitBytes) {
        return new SurrealRequestTooLargeException(
                "statement " + index + (label == null ? "" : " (" + label + ")") + " needs a request of "
                        + requestBytes + " bytes, over the limit of " + limitBytes + " bytes",
                requestBytes, limitBytes, index, label);
    }

    public long requestBytes() {
        return requestBytes;
    }

    public long limitBytes() {
        return limitBytes;
    }

    /** The index of the statement too large on its own, or -1 for a whole request. */
    public int statementIndex() {
        return statementIndex;
    }

    /** The label of the statement too large on its own (e.g. its record id), or null. */
    public String statementLabel() {
        return statementLabel;
    }
}
