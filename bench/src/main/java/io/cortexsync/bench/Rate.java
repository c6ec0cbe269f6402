package io.cortexsync.bench;

import java.time.Duration;

/** How many items were processed in how long. */
public record Rate(long items, Duration elapsed) {

    public static Rate between(long items, long startNanos, long endNanos) {
        return new Rate(items, Duration.ofNanos(endNanos - startNanos));
    }

    public double perSecond() {
        return items * 1_000_000_000.0 / Math.max(1, elapsed.toNanos());
    }
}
