package io.cortexsync.testkit.qdrant;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;

import java.time.Duration;

/** Counts every call and applies the {@link QdrantFaults} before anything else sees it. */
final class FaultInterceptor implements ServerInterceptor {

    private final QdrantFaults faults;

    FaultInterceptor(QdrantFaults faults) {
        this.faults = faults;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(
            ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        String method = call.getMethodDescriptor().getFullMethodName();
        faults.recordCall(method);
        Duration latency = faults.latency();
        if (!latency.isZero()) {
            // Calls start on the server's executor, not on a network thread, so sleeping here
            // delays this call only.
            try {
                Thread.sleep(latency.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                call.close(Status.CANCELLED.withDescription("Interrupted during injected latency"), new Metadata());
                return new ServerCall.Listener<>() {};
            }
        }
        Status failure = faults.failureFor(method);
        if (failure != null) {
            call.close(failure, new Metadata());
            return new ServerCall.Listener<>() {};
        }
        return next.startCall(call, headers);
    }
}
