package io.cortexsync.connector.surrealdb.client.cbor;

/**
 * A tagged value whose tag has no Java type here (geometries, files, futures): kept as it
 * came, so that it can be written back unchanged.
 */
public record CborTagged(long tag, Object value) {}
