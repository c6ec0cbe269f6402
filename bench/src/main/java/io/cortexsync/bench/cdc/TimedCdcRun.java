package io.cortexsync.bench.cdc;

import io.cortexsync.cli.CortexSyncCli;
import io.cortexsync.cli.cdc.CdcOptions;
import io.cortexsync.cli.cdc.CdcRun;
import io.cortexsync.cli.run.JobOutcome;
import io.cortexsync.cli.run.MiniClusterRunner;
import io.cortexsync.cli.run.RunningJob;
import io.cortexsync.connector.qdrant.client.QdrantConnection;
import io.cortexsync.connector.qdrant.client.QdrantConnectionConfig;
import io.cortexsync.jobs.common.JobCounters;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A {@code cortex-sync cdc} run as the command line starts it (preflight, collection, the real
 * CdcJob on a MiniCluster in this JVM), followed through its counters: the {@code synced}
 * accumulator says how many changes Qdrant confirmed and {@code lastSyncedAtMs} when the last of
 * them was confirmed, so the end of a catch-up is known to the millisecond although the counters
 * arrive with the TaskManager's heartbeats (every second). What the run prints goes to a file.
 */
final class TimedCdcRun implements AutoCloseable {

    /** Timings of a catch-up, all in wall-clock milliseconds from {@link #startMs}. */
    record CatchUp(long changes, long startMs, long startedMs, long firstPointMs, long lastSyncedMs) {

        /** Changes per second from the run's start (preflight and Flink's start-up included) to the last confirmation. */
        double perSecond() {
            return changes * 1000.0 / Math.max(1, lastSyncedMs - startMs);
        }

        /** Changes per second from the first point seen in Qdrant to the last confirmation. */
        double afterStartPerSecond() {
            return changes * 1000.0 / Math.max(1, lastSyncedMs - firstPointMs);
        }
    }

    private final CdcOptions options;
    private final QdrantConnectionConfig qdrant;
    private final Path log;
    private final PrintStream out;
    private RunningJob job;
    private CompletableFuture<JobOutcome> ended;

    TimedCdcRun(List<String> args, QdrantConnectionConfig qdrant, Path log) throws IOException {
        this.options = CortexSyncCli.parseCdcOptions(args.toArray(new String[0]));
        this.qdrant = qdrant;
        this.log = log;
        OutputStream file = Files.newOutputStream(log);
        this.out = new PrintStream(file, true, StandardCharsets.UTF_8);
    }

    CdcOptions options() {
        return options;
    }

    /** Runs the preflight and starts the job; returns when the job was submitted. */
    void start() throws Exception {
        job = new CdcRun(options, new MiniClusterRunner(false), out, Duration.ofSeconds(5), Clock.systemUTC()).start();
        ended = CompletableFuture.supplyAsync(() -> {
            try {
                return job.awaitEnd();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
    }

    /**
     * Starts the job and waits until it has synced {@code changes} changes, within {@code timeout}.
     * While the collection is empty it is polled every 10 ms, to see when the first point lands.
     */
    CatchUp catchUp(long changes, Duration timeout) throws Exception {
        long startMs = System.currentTimeMillis();
        start();
        long startedMs = System.currentTimeMillis();
        long deadline = System.nanoTime() + timeout.toNanos();
        long firstPointMs = 0;
        try (QdrantConnection admin = QdrantConnection.open(qdrant)) {
            String collection = options.target().collection();
            while (firstPointMs == 0) {
                if (admin.client().countAsync(collection).get(30, TimeUnit.SECONDS) > 0) {
                    firstPointMs = System.currentTimeMillis();
                }
                checkAlive(deadline, "the first point in Qdrant", 0, changes);
                Thread.sleep(10);
            }
        }
        awaitSynced(changes, deadline, timeout);
        return new CatchUp(changes, startMs, startedMs, firstPointMs, lastSyncedAt());
    }

    /** Waits until the job's {@code synced} reaches {@code changes}; fails naming how far it got. */
    void awaitSynced(long changes, Duration timeout) throws Exception {
        awaitSynced(changes, System.nanoTime() + timeout.toNanos(), timeout);
    }

    private void awaitSynced(long changes, long deadline, Duration timeout) throws Exception {
        while (synced() < changes) {
            checkAlive(deadline, "the changes synced", synced(), changes);
            Thread.sleep(50);
        }
    }

    long synced() {
        return JobCounters.asLong(job.counters().get(JobCounters.SYNCED));
    }

    private long lastSyncedAt() {
        return JobCounters.asLong(job.counters().get(JobCounters.LAST_SYNCED_AT_MS));
    }

    private void checkAlive(long deadline, String what, long have, long want) throws IOException {
        if (ended.isDone()) {
            throw new IllegalStateException("the cdc job ended before " + what + " (" + have + " of " + want
                    + "); it printed:\n" + Files.readString(log));
        }
        if (System.nanoTime() > deadline) {
            throw new IllegalStateException("no " + what + " in time (" + have + " of " + want + "); see " + log
                    + ":\n" + Files.readString(log));
        }
    }

    /** Stops the job with a savepoint, which commits the events of every change it synced. */
    String stopWithSavepoint() throws Exception {
        String savepoint = job.stopWithSavepoint(options.savepointUri(), Duration.ofMinutes(2));
        ended.get(2, TimeUnit.MINUTES);
        return savepoint;
    }

    Map<String, Object> counters() {
        return job.counters();
    }

    /** Cancels the job unless it has ended, and waits for its end. */
    @Override
    public void close() throws Exception {
        try {
            if (job != null && !ended.isDone()) {
                job.cancel();
                ended.get(2, TimeUnit.MINUTES);
            }
        } finally {
            out.close();
        }
    }
}
