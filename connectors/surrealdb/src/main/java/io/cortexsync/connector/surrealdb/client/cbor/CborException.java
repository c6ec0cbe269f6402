package io.cortexsync.connector.surrealdb.client.cbor;

import org.apache.flink.annotation.Internal;

/** Bytes that are not well-formed CBOR, or a value that has no CBOR form here. */
@Internal
public final class CborException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CborException(String message) {
        super(message);
    }
}
