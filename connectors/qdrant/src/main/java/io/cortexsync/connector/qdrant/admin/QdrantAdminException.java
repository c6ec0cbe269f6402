package io.cortexsync.connector.qdrant.admin;

import io.grpc.Status;

import org.apache.flink.annotation.PublicEvolving;

/**
 * A collection administration call failed; carries the gRPC status code Qdrant answered with and
 * its {@link Kind}, so a caller can name the option to fix.
 */
@PublicEvolving
public final class QdrantAdminException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why a call failed, as far as a user can act on it. */
    public enum Kind {
        /** No answer: wrong host or port, Qdrant down, or no answer within the deadline. */
        UNREACHABLE,
        /** Qdrant refused the API key (or its absence). */
        UNAUTHENTICATED,
        /** Interrupted while waiting for the answer. */
        INTERRUPTED,
        /** Any other refusal; the message holds Qdrant's. */
        FAILED;

        static Kind of(Status.Code code) {
            switch (code) {
                case UNAVAILABLE:
                case DEADLINE_EXCEEDED:
                    return UNREACHABLE;
                case UNAUTHENTICATED:
                case PERMISSION_DENIED:
                    return UNAUTHENTICATED;
                case CANCELLED:
                    return INTERRUPTED;
                default:
                    return FAILED;
            }
        }
    }

    private final Status.Code code;

    public QdrantAdminException(String message, Status.Code code, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public Status.Code code() {
        return code;
    }

    public Kind kind() {
        return Kind.of(code);
    }
}
