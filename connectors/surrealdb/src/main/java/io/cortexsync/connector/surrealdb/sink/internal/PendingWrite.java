package io.cortexsync.connector.surrealdb.sink.internal;

import io.cortexsync.connector.surrealdb.client.Statement;
import io.cortexsync.connector.surrealdb.client.cbor.CborWriter;
import io.cortexsync.connector.surrealdb.sink.SurrealWrite;

import org.apache.flink.annotation.Internal;

import java.nio.charset.StandardCharsets;

/** A write waiting in the buffer, with its statement and the bytes it adds to a request. */
@Internal
public final class PendingWrite {

    /** Variable names and separators a statement adds beside its text and values, at most. */
    private static final int OVERHEAD_BYTES = 32;

    private final SurrealWrite write;
    private final Statement statement;
    private final long bytes;

    public PendingWrite(SurrealWrite write, Statement statement) {
        this.write = write;
        this.statement = statement;
        this.bytes = sizeOf(statement);
    }

    public SurrealWrite write() {
        return write;
    }

    public Statement statement() {
        return statement;
    }

    public String recordId() {
        return write.id().toString();
    }

    /** About the bytes it adds to a request: text and values exactly, variable names estimated. */
    public long bytes() {
        return bytes;
    }

    private static long sizeOf(Statement statement) {
        long bytes = OVERHEAD_BYTES + statement.toString().getBytes(StandardCharsets.UTF_8).length;
        for (Object value : statement.values()) {
            bytes += CborWriter.encode(value).length + OVERHEAD_BYTES;
        }
        return bytes;
    }
}
