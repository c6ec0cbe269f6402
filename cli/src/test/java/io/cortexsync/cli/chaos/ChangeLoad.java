package io.cortexsync.cli.chaos;

import io.cortexsync.connector.surrealdb.client.SurrealClient;
import io.cortexsync.connector.surrealdb.client.SurrealRecordId;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Lock;
import java.util.function.Supplier;

/**
 * Commits creates, updates and deletes to a table loaded with records {@code e-000000}…, about 50
 * a second, counting each change per record id, until closed. Deleted records are never written
 * again, so every change is one event of a job that reports them. Each write holds {@code
 * writeLock}, so a fault that restarts the engine never catches a write half-done.
 */
public final class ChangeLoad implements AutoCloseable {

    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Thread thread;
    private volatile int written;

    private ChangeLoad(Supplier<SurrealClient> clients, Lock writeLock, String table, int dim, int records, int round,
            Map<String, Integer> changes) {
        if (records < 400) {
            throw new IllegalArgumentException("needs at least 400 loaded records, got " + records);
        }
        thread = new Thread(() -> {
            SplittableRandom random = new SplittableRandom(round);
            int deletes = 0;
            try (SurrealClient client = clients.get()) {
                for (int i = 0; running.get(); i++) {
                    SurrealRecordId id;
                    writeLock.lock();
                    try {
                        if (i % 5 == 4 && deletes < 100) {
                            // each round deletes its own hundred records, none updated afterwards
                            id = SurrealRecordId.of(table, FaultedStores.key(round * 100 + deletes++));
                            if (!client.delete(id)) {
                                throw new IllegalStateException(id + " was not there to delete");
                            }
                        } else {
                            id = i % 5 < 2
                                    ? SurrealRecordId.of(table, "r" + round + "-" + i)
                                    : SurrealRecordId.of(table, FaultedStores.key(300 + random.nextInt(records - 300)));
                            client.upsert(id, row(random, dim, "round " + round + " change " + i));
                        }
                    } finally {
                        writeLock.unlock();
                    }
                    synchronized (changes) {
                        changes.merge(id.toString(), 1, Integer::sum);
                    }
                    written++;
                    Thread.sleep(20);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "change-load-" + round);
    }

    private static Map<String, Object> row(SplittableRandom random, int dim, String title) {
        float[] vector = new float[dim];
        for (int d = 0; d < dim; d++) {
            vector[d] = (float) random.nextDouble();
        }
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("vector", vector);
        row.put("title", title);
        return row;
    }

    /**
     * Starts writing to {@code table} ({@code records} loaded; rounds 0..2 delete keys below 300 and
     * update keys from 300 on), adding each change to {@code changes}.
     */
    public static ChangeLoad start(Supplier<SurrealClient> clients, Lock writeLock, String table, int dim, int records,
            int round, Map<String, Integer> changes) {
        ChangeLoad load = new ChangeLoad(clients, writeLock, table, dim, records, round, changes);
        load.thread.start();
        return load;
    }

    public int written() {
        Throwable t = failure.get();
        if (t != null) {
            throw new AssertionError("the change load failed after " + written + " changes", t);
        }
        return written;
    }

    /** Stops writing; fails if a write failed. */
    @Override
    public void close() throws InterruptedException {
        running.set(false);
        thread.join(30_000);
        written();
    }
}
