package io.cortexsync.testkit.proxy;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** The faults a {@link FaultProxy} currently injects; read by every connection on every chunk. */
final class Faults {

    private volatile long latencyNanos;
    private volatile boolean refusing;

    synchronized void latency(Duration latency) {
        if (latency.isNegative()) {
            throw new IllegalArgumentException("latency must not be negative, got " + latency);
        }
        latencyNanos = latency.toNanos();
        // Wakes writers holding data back, so that a shorter latency applies to queued data too.
        notifyAll();
    }

    Duration latency() {
        return Duration.ofNanos(latencyNanos);
    }

    void refuse(boolean refuse) {
        refusing = refuse;
    }

    boolean refusing() {
        return refusing;
    }

    /** Blocks until data received at {@code receivedAtNanos} has been held back for the latency. */
    void awaitDelivery(long receivedAtNanos) throws InterruptedException {
        if (latencyNanos == 0) {
            return;
        }
        synchronized (this) {
            long waitNanos;
            while ((waitNanos = receivedAtNanos + latencyNanos - System.nanoTime()) > 0) {
                TimeUnit.NANOSECONDS.timedWait(this, waitNanos);
            }
        }
    }
}
