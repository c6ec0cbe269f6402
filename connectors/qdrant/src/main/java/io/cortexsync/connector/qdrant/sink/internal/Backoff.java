package io.cortexsync.connector.qdrant.sink.internal;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Exponential backoff with jitter: after the n-th failure, a wait in [c/2, c], c = min(max, initial * 2^(n-1)). */
public final class Backoff {

    private final long initialMs;
    private final long maxMs;

    public Backoff(Duration initial, Duration max) {
        this.initialMs = Math.max(1, initial.toMillis());
        this.maxMs = Math.max(initialMs, max.toMillis());
    }

    /** The wait before the retry that follows {@code failedAttempts} failures (1 or more). */
    public long delayMillis(int failedAttempts) {
        long ceiling = Math.min(maxMs, initialMs << Math.min(Math.max(failedAttempts, 1) - 1, 30));
        return ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling - ceiling / 2 + 1);
    }
}
