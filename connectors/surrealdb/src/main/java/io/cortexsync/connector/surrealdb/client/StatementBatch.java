package io.cortexsync.connector.surrealdb.client;

import org.apache.flink.annotation.Internal;

import java.util.List;

/** Statements that run together as one transaction in one request, with that request's body. */
@Internal
public final class StatementBatch {

    private final List<Statement> statements;
    private final int firstIndex;
    private final byte[] body;

    StatementBatch(List<Statement> statements, int firstIndex, byte[] body) {
        this.statements = List.copyOf(statements);
        this.firstIndex = firstIndex;
        this.body = body;
    }

    public List<Statement> statements() {
        return statements;
    }

    /** The index of its first statement in the list that was split. */
    public int firstIndex() {
        return firstIndex;
    }

    /** The size of the encoded request body. */
    public int requestBytes() {
        return body.length;
    }

    byte[] body() {
        return body;
    }
}
