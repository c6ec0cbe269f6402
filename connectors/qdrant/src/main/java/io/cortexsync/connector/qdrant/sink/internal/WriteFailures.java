package io.cortexsync.connector.qdrant.sink.internal;

import io.cortexsync.connector.qdrant.client.QdrantFailures;

import io.grpc.Status;

import org.apache.flink.annotation.Internal;

/** Sorts the failures of a write request into retry, isolate the bad point, or fail the job. */
@Internal
public final class WriteFailures {

    /** What to do about a failed request. */
    public enum Action {
        /** The server or the network may recover: send the same request again after a backoff. */
        RETRY,
        /** Qdrant refused the request's content: find the point at fault and dead-letter it. */
        ISOLATE,
        /** Nothing the sink can fix (missing collection, authentication, ...): fail the job. */
        FAIL
    }

    /** How the reason of a point Qdrant itself refused begins. */
    public static final String REFUSED_PREFIX = "Qdrant refused the point: ";

    private WriteFailures() {}

    public static Action classify(Throwable failure) {
        if (QdrantFailures.TRANSIENT.isTransient(failure)) {
            return Action.RETRY;
        }
        return QdrantFailures.code(failure) == Status.Code.INVALID_ARGUMENT ? Action.ISOLATE : Action.FAIL;
    }

    /** Whether the server asks the sink to slow down (the batch size shrinks). */
    public static boolean isPushback(Throwable failure) {
        Status.Code code = QdrantFailures.code(failure);
        return code == Status.Code.RESOURCE_EXHAUSTED || code == Status.Code.UNAVAILABLE
                || code == Status.Code.DEADLINE_EXCEEDED;
    }

    /** The status code and Qdrant's message, e.g. {@code INVALID_ARGUMENT: Wrong input: ...}. */
    public static String describe(Throwable failure) {
        Status status = Status.fromThrowable(failure);
        return status.getCode() + (status.getDescription() == null ? "" : ": " + status.getDescription());
    }
}
