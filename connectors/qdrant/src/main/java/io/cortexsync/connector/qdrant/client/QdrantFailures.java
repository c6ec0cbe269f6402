package io.cortexsync.connector.qdrant.client;

import io.cortexsync.connector.common.retry.FailureClassifier;
import io.cortexsync.connector.common.retry.TransientFailures;

import io.grpc.Status;

import org.apache.flink.annotation.Internal;

/** Which failures of a Qdrant call are worth a retry, by gRPC status code. */
@Internal
public final class QdrantFailures {

    /**
     * The server is starting, overloaded or slow, or a concurrent update aborted the call: the
     * same request may pass later. Every other status (a refused request, a missing collection,
     * a wrong API key) will not change by waiting.
     */
    public static final TransientFailures TRANSIENT = TransientFailures.of(
            status(Status.Code.UNAVAILABLE),
            status(Status.Code.DEADLINE_EXCEEDED),
            status(Status.Code.RESOURCE_EXHAUSTED),
            status(Status.Code.ABORTED));

    private QdrantFailures() {}

    /** The gRPC status of a failure, looking through the exceptions that wrap it. */
    public static Status.Code code(Throwable failure) {
        return Status.fromThrowable(failure).getCode();
    }

    private static FailureClassifier status(Status.Code code) {
        return FailureClassifier.of(code.name(), failure -> code(failure) == code);
    }
}
