package io.cortexsync.connector.surrealdb.client;

import org.apache.flink.annotation.PublicEvolving;

/**
 * SurrealDB's {@code NONE} (CBOR tag 6): a field that is absent, as opposed to {@code null}, a
 * field that holds {@code NULL}.
 */
@PublicEvolving
public enum SurrealNone {
    NONE;

    @Override
    public String toString() {
        return "NONE";
    }
}
