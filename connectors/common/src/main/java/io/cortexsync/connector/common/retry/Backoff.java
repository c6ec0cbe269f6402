package io.cortexsync.connector.common.retry;

import org.apache.flink.annotation.Internal;

import java.io.Serializable;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with a cap: after the n-th failure the ceiling is {@code initial * 2^(n-1)},
 * at most {@code max}, and the wait is drawn from {@code [ceiling / 2, ceiling]}. Stateless and
 * thread-safe; callers count their own failures.
 */
@Internal
public final class Backoff implements Serializable {

    private static final long serialVersionUID = 1L;

    private final long initialNanos;
    private final long maxNanos;

    public Backoff(Duration initial, Duration max) {
        if (initial == null || initial.isNegative() || initial.isZero()) {
            throw new IllegalArgumentException("the initial backoff must be positive, not " + initial);
        }
        if (max == null || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException(
                    "the max backoff " + max + " must be at least the initial backoff " + initial);
        }
        this.initialNanos = initial.toNanos();
        this.maxNanos = max.toNanos();
    }

    /** The longest wait after {@code failedAttempts} failures (1 or more). */
    public Duration ceiling(int failedAttempts) {
        return Duration.ofNanos(ceilingNanos(failedAttempts));
    }

    /** The wait before the retry that follows {@code failedAttempts} failures (1 or more). */
    public Duration delay(int failedAttempts) {
        long ceiling = ceilingNanos(failedAttempts);
        // Equal jitter: the kept half means a retry never follows its failure at once, the drawn
        // half spreads the retries of tasks that failed together.
        return Duration.ofNanos(ceiling - ThreadLocalRandom.current().nextLong(ceiling / 2 + 1));
    }

    /** {@link #delay(int)} in whole milliseconds, for timers that take them. */
    public long delayMillis(int failedAttempts) {
        return delay(failedAttempts).toMillis();
    }

    private long ceilingNanos(int failedAttempts) {
        int doublings = Math.max(failedAttempts, 1) - 1;
        // initial * 2^doublings, stopping at max before it can overflow
        return doublings >= Long.numberOfLeadingZeros(initialNanos) - 1
                ? maxNanos
                : Math.min(maxNanos, initialNanos << doublings);
    }

    @Override
    public String toString() {
        return "Backoff{" + Duration.ofNanos(initialNanos) + ".." + Duration.ofNanos(maxNanos) + '}';
    }
}
