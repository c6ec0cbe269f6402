package io.cortexsync.connector.qdrant.sink.internal;

import org.apache.flink.annotation.Internal;

/**
 * The batch size, adapted by AIMD: it grows by a fixed step after each write confirmed within the
 * target latency, and halves after one over it or when Qdrant pushes back, within [min, max].
 * The step is the floor (at least 1), so a size halved at the floor climbs back in a few writes.
 */
@Internal
public final class AdaptiveBatchSize {

    private final int min;
    private final int max;
    private final long targetLatencyMs;
    private final int step;
    private int current;

    public AdaptiveBatchSize(int initial, int min, int max, long targetLatencyMs) {
        if (min < 1 || min > max || initial < min || initial > max) {
            throw new IllegalArgumentException(
                    "batch sizes need 1 <= min <= initial <= max, got " + min + ", " + initial + ", " + max);
        }
        this.min = min;
        this.max = max;
        this.targetLatencyMs = targetLatencyMs;
        this.step = Math.max(1, min);
        this.current = initial;
    }

    public int current() {
        return current;
    }

    /** A write of {@code points} was confirmed after {@code latencyMs}. */
    public void onWritten(int points, long latencyMs) {
        if (latencyMs > targetLatencyMs) {
            decrease();
        } else if (points >= current / 2) {
            // only a batch near the current size says the current size is fine; a timer's small
            // batch is fast for being small
            current = Math.min(max, current + step);
        }
    }

    /** Qdrant pushed back (overloaded, unavailable, too slow). */
    public void onPushback() {
        decrease();
    }

    private void decrease() {
        current = Math.max(min, current / 2);
    }
}
