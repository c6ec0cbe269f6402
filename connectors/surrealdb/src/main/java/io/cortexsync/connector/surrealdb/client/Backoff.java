package io.cortexsync.connector.surrealdb.client;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with full jitter: a random wait up to {@code initial * 2^(n-1)}, capped,
 * so that many tasks failing together do not all retry at the same moment.
 */
final class Backoff {

    private final long initialNanos;
    private final long maxNanos;

    Backoff(Duration initial, Duration max) {
        this.initialNanos = initial.toNanos();
        this.maxNanos = max.toNanos();
    }

    /** The wait before attempt {@code failedAttempts + 1}. */
    Duration delayAfter(int failedAttempts) {
        int doublings = Math.min(failedAttempts - 1, 30);
        long ceiling = initialNanos << doublings;
        if (ceiling <= 0 || ceiling > maxNanos || (ceiling >> doublings) != initialNanos) {
            ceiling = maxNanos;
        }
        // never less than a tenth of the ceiling, so that retries cannot come back to back
        long floor = ceiling / 10;
        return Duration.ofNanos(floor + ThreadLocalRandom.current().nextLong(ceiling - floor + 1));
    }
}
