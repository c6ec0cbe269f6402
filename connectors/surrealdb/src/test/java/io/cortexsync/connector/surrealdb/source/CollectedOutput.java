package io.cortexsync.connector.surrealdb.source;

import org.apache.flink.util.CloseableIterator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Drains a job's collect iterator on its own thread, so tests can wait for conditions with a
 * deadline. With checkpointing on, the iterator yields only what completed checkpoints hold:
 * after a failover the output has neither lost nor repeated records.
 */
public final class CollectedOutput<T> implements AutoCloseable {

    private final CloseableIterator<T> iterator;
    private final List<T> records = new ArrayList<>();
    private final Thread drainer;
    private volatile Throwable failure;

    public CollectedOutput(CloseableIterator<T> iterator) {
        this.iterator = iterator;
        this.drainer = new Thread(this::drain, "collect-drainer");
        drainer.setDaemon(true);
        drainer.start();
    }

    private void drain() {
        try {
            while (iterator.hasNext()) {
                T next = iterator.next();
                synchronized (records) {
                    records.add(next);
                    records.notifyAll();
                }
            }
        } catch (Throwable t) {
            failure = t;
        }
        synchronized (records) {
            records.notifyAll();
        }
    }

    public List<T> snapshot() {
        synchronized (records) {
            return new ArrayList<>(records);
        }
    }

    /** Waits until {@code condition} holds for the output so far; fails after {@code timeout}. */
    public List<T> awaitUntil(Predicate<List<T>> condition, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (records) {
            while (!condition.test(records)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("timed out after " + timeout + " waiting for " + what
                            + "; " + records.size() + " records so far" + (failure == null ? "" : ", collect failed: " + failure));
                }
                records.wait(Math.max(1, Math.min(left / 1_000_000, 200)));
            }
            return new ArrayList<>(records);
        }
    }

    /** Whether the drainer ended (the job finished or failed). */
    public boolean ended() {
        return !drainer.isAlive();
    }

    public Throwable failure() {
        return failure;
    }

    @Override
    public void close() throws Exception {
        iterator.close();
        drainer.join(10_000);
    }
}
