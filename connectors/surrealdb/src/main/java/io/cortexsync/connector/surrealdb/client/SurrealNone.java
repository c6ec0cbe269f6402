package io.cortexsync.connector.surrealdb.client;

/**
 * SurrealDB's {@code NONE} (CBOR tag 6): a field that is absent, as opposed to {@code null}, a
 * field that holds {@code NULL}.
 */
public enum SurrealNone {
    NONE;

    @Override
    public String toString() {
        return "NONE";
    }
}
