package io.cortexsync.connector.surrealdb.client;

import io.cortexsync.connector.surrealdb.client.cbor.CborWriter;
import io.cortexsync.connector.surrealdb.client.cbor.SurrealValueWriter;

import java.nio.charset.StandardCharsets;

/** A statement with its values encoded once, so that sizing and sending do not encode twice. */
final class EncodedStatement {

    /** The separator after each statement in a request's text. */
    static final String SEPARATOR = ";\n";

    final Statement statement;
    final byte[][] values;
    private final int fixedBytes;

    EncodedStatement(Statement statement, CborWriter scratch) {
        this.statement = statement;
        this.values = new byte[statement.values().size()][];
        int bytes = SEPARATOR.length();
        for (String part : statement.sqlParts()) {
            bytes += part.getBytes(StandardCharsets.UTF_8).length;
        }
        for (int i = 0; i < values.length; i++) {
            scratch.reset();
            SurrealValueWriter.write(scratch, statement.values().get(i));
            values[i] = scratch.toByteArray();
            bytes += values[i].length;
        }
        this.fixedBytes = bytes;
    }

    /** The bytes it adds to a request when its variables are numbered from {@code firstVariable}. */
    long encodedBytes(int firstVariable) {
        long bytes = fixedBytes;
        for (int i = 0; i < values.length; i++) {
            int name = Statement.variableName(firstVariable + i).length();
            // "$name" in the text, and the name as a key (under 24 bytes: a one-byte head)
            bytes += 1 + name + 1 + name;
        }
        return bytes;
    }
}
