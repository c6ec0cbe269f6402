package io.cortexsync.testkit.qdrant;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;

import java.util.function.Supplier;

/** Completes a unary call with the handler's answer or its error. */
final class Unary {

    private Unary() {}

    static <T> void respond(StreamObserver<T> observer, Supplier<T> handler) {
        T response;
        try {
            response = handler.get();
        } catch (StatusRuntimeException e) {
            observer.onError(e);
            return;
        } catch (RuntimeException e) {
            observer.onError(Status.INTERNAL.withDescription(e.toString()).withCause(e).asRuntimeException());
            return;
        }
        observer.onNext(response);
        observer.onCompleted();
    }

    /** Seconds since {@code startNanos}, for the {@code time} field of every Qdrant response. */
    static double secondsSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
