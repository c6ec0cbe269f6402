package io.cortexsync.connector.surrealdb.client;

import org.apache.flink.annotation.PublicEvolving;

import java.util.List;

/** A statement of a query answered with status {@code ERR}; the others may have run. */
@PublicEvolving
public class SurrealStatementException extends SurrealException {

    private static final long serialVersionUID = 1L;

    private final int statementIndex;
    private final String serverMessage;
    private final transient List<StatementResult> results;

    public SurrealStatementException(int statementIndex, String serverMessage, List<StatementResult> results) {
        super("statement " + statementIndex + " failed: " + serverMessage);
        this.statementIndex = statementIndex;
        this.serverMessage = serverMessage;
        this.results = List.copyOf(results);
    }

    /** The 0-based index of the failed statement among those the caller sent. */
    public int statementIndex() {
        return statementIndex;
    }

    public String serverMessage() {
        return serverMessage;
    }

    /** Every statement's result, the failed one included. */
    public List<StatementResult> results() {
        return results;
    }
}
