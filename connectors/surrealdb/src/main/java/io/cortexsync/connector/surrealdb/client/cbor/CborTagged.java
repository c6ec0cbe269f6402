package io.cortexsync.connector.surrealdb.client.cbor;

import org.apache.flink.annotation.Internal;

/**
 * A tagged value whose tag has no Java type here (geometries, files, futures): kept as it
 * came, so that it can be written back unchanged.
 */
@Internal
public record CborTagged(long tag, Object value) {}
