package io.cortexsync.cli.run;

import io.cortexsync.connector.qdrant.client.QdrantConnection;
import io.cortexsync.connector.surrealdb.client.SurrealClient;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/** A streaming job's run on a MiniCluster in this JVM, in the background, stopped when the test says. */
public final class StreamingTestRun implements AutoCloseable {

    /** Runs the job until the stop signal; what a command's run does. */
    @FunctionalInterface
    public interface Run {
        StreamingRun.Ended run(PrintStream out, StopSignals stop) throws Exception;
    }

    private final String collection;
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final StopSignals stop = StopSignals.manual();
    private final ExecutorService executor = Executors.newSingleThreadExecutor();
    private final Future<StreamingRun.Ended> ended;

    public StreamingTestRun(String collection, Run run) {
        this.collection = collection;
        PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
        ended = executor.submit(() -> run.run(out, stop));
    }

    public String printed() {
        return printed.toString(StandardCharsets.UTF_8);
    }

    public boolean ended() {
        return ended.isDone();
    }

    /** Stops the job with a savepoint and returns how the run ended. */
    public StreamingRun.Ended stop() throws Exception {
        stop.request("test");
        return ended.get(3, TimeUnit.MINUTES);
    }

    /**
     * Waits until Qdrant's collection holds exactly what SurrealDB's {@code table} holds (ids and
     * content hashes), at most {@code seconds}; fails with both sides' differences and the run's output.
     */
    public void awaitStoresEqual(Supplier<SurrealClient> surreal, QdrantConnection qdrant, String table, int dimension, int seconds)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        Map<String, String> expected = Map.of();
        Map<String, String> actual = Map.of();
        while (System.nanoTime() < deadline && !ended()) {
            try (SurrealClient client = surreal.get()) {
                expected = StoreStates.surreal(client, table, "vector", dimension);
            }
            actual = qdrant.client().collectionExistsAsync(collection).get(30, TimeUnit.SECONDS)
                    ? StoreStates.qdrant(qdrant, collection) : Map.of();
            if (actual.equals(expected)) {
                return;
            }
            Thread.sleep(300);
        }
        assertThat(ended()).as("the job ended by itself:%n%s", printed()).isFalse();
        assertThat(actual).as("Qdrant against SurrealDB after %d s; the run printed:%n%s", seconds, printed())
                .containsExactlyInAnyOrderEntriesOf(expected);
    }

    @Override
    public void close() throws InterruptedException {
        stop.request("cleanup");
        executor.shutdown();
        if (!executor.awaitTermination(3, TimeUnit.MINUTES)) {
            executor.shutdownNow();
        }
    }
}
