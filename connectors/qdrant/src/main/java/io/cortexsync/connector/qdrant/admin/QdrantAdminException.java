package io.cortexsync.connector.qdrant.admin;

import io.grpc.Status;

import org.apache.flink.annotation.PublicEvolving;

/** A collection administration call failed; carries the gRPC status code Qdrant answered with. */
@PublicEvolving
public final class QdrantAdminException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final Status.Code code;

    public QdrantAdminException(String message, Status.Code code, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public Status.Code code() {
        return code;
    }
}
