package io.cortexsync.connector.common.reader;

import org.apache.flink.annotation.Internal;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A wait on a split reader's fetcher thread that {@code SplitReader#wakeUp()} can end early:
 * Flink wakes the fetcher when splits arrive or the reader closes, and a fetch that sleeps
 * through a backoff or a poll interval must then return at once. A wake-up that comes while no
 * one waits ends the next wait, unless {@link #clearWakeUp()} forgets it first.
 */
@Internal
public final class WakeableWait {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition woken = lock.newCondition();
    private boolean wakeUpRequested;

    /**
     * Waits {@code duration}; returns true when it passed, false when a wake-up or an interrupt
     * ended it early (the interrupt stays set). Either way the wake-up is used up.
     */
    public boolean await(Duration duration) {
        long nanos = duration.toNanos();
        lock.lock();
        try {
            while (!wakeUpRequested && nanos > 0) {
                nanos = woken.awaitNanos(nanos);
            }
            boolean slept = !wakeUpRequested;
            wakeUpRequested = false;
            return slept;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            lock.unlock();
        }
    }

    /** Ends the current wait, or the next one when no one waits; callable from any thread. */
    public void wakeUp() {
        lock.lock();
        try {
            wakeUpRequested = true;
            woken.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Forgets a wake-up that came before the work it would otherwise cut short. */
    public void clearWakeUp() {
        lock.lock();
        try {
            wakeUpRequested = false;
        } finally {
            lock.unlock();
        }
    }
}
