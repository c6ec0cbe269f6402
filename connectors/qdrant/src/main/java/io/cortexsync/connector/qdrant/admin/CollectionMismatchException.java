package io.cortexsync.connector.qdrant.admin;

import org.apache.flink.annotation.PublicEvolving;

/** An existing collection does not fit the configuration; the message names the configured and the existing value. */
@PublicEvolving
public final class CollectionMismatchException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CollectionMismatchException(String message) {
        super(message);
    }
}
