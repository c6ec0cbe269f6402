package io.cortexsync.connector.dualwrite.client;

import io.cortexsync.schema.model.SyncEvent;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@link DualWriteClient#await}: a future's outcome as the caller wants it, the event or the
 * failure itself rather than an {@link ExecutionException}, and every timeout naming its request.
 */
final class Await {

    private Await() {}

    static SyncEvent get(CompletableFuture<SyncEvent> future, Duration timeout, Duration clientTimeout)
            throws TimeoutException, InterruptedException {
        try {
            return future.get(saturatedNanos(timeout), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new TimeoutException("no final event for " + name(future) + " within " + timeout
                    + " (await); the request still waits for it until the client's timeout (" + clientTimeout + ")");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof TimeoutException) {
                // a fresh one, so that the stack shows where the caller waited
                TimeoutException timedOut = new TimeoutException(cause.getMessage());
                timedOut.initCause(cause);
                throw timedOut;
            }
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            if (cause instanceof Error) {
                throw (Error) cause;
            }
            throw new DualWriteClientException("no answer for " + name(future) + ": " + cause,
                    future instanceof SyncFuture ? ((SyncFuture) future).requestId() : null, cause);
        }
    }

    /** Nanoseconds of {@code duration}, or the longest wait there is when it is longer. */
    static long saturatedNanos(Duration duration) {
        try {
            return duration.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    private static String name(CompletableFuture<SyncEvent> future) {
        return future instanceof SyncFuture ? ((SyncFuture) future).describe() : "the request (not a SyncFuture)";
    }
}
