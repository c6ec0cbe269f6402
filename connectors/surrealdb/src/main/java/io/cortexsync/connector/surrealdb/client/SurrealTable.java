package io.cortexsync.connector.surrealdb.client;

import org.apache.flink.annotation.PublicEvolving;

import java.util.Objects;

/** A table name as a value (CBOR tag 7), e.g. to bind {@code SELECT * FROM $tb}. */
@PublicEvolving
public record SurrealTable(String name) {

    public SurrealTable {
        Objects.requireNonNull(name, "table name must not be null");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("table name must not be empty");
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
