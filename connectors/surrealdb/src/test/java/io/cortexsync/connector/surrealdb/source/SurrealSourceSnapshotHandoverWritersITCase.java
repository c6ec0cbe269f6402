package io.cortexsync.connector.surrealdb.source;

import io.cortexsync.connector.surrealdb.client.SurrealRecordId;
import io.cortexsync.connector.surrealdb.client.SurrealTestEngine;
import io.cortexsync.connector.surrealdb.source.record.SurrealChange;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.util.RestartStrategyUtils;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Writers insert records into the key ranges of chunks being snapshotted, as fast as they can, one
 * record or a couple of hundred per transaction: every record reaches the job once, though a
 * transaction whose versionstamp is below a chunk's watermark can become visible after it (the
 * late commit at the snapshot's handover to the change stream).
 */
@Timeout(300)
class SurrealSourceSnapshotHandoverWritersITCase {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static final String TABLE = "handover";
    private static final int EXISTING = 2_000;
    private static final int CHUNK_SIZE = 10;
    private static final int WRITERS = 6;
    private static final int BATCH = 200;
    private static final int MAX_WRITTEN = 40_000;
    private static final Duration WAIT = Duration.ofSeconds(150);

    @RegisterExtension
    static final SurrealTestEngine ENGINE = SurrealTestEngine.start("source-handover-writers", "source_handover_it");

    @Test
    void everyRecordWrittenDuringTheSnapshotReachesTheJobOnce() throws Exception {
        SourceTestData.defineChangeFeed(ENGINE.client(), TABLE, "1h");
        SourceTestData.defineChangeFeed(ENGINE.client(), "handover_heartbeat", "1h");
        Set<String> committed = ConcurrentHashMap.newKeySet();
        for (int i = 0; i < EXISTING; i += 500) {
            List<Map<String, Object>> batch = new ArrayList<>();
            for (int k = i; k < Math.min(EXISTING, i + 500); k++) {
                batch.add(Map.of("id", SurrealRecordId.of(TABLE, existingKey(k)), "n", 0));
                committed.add(existingKey(k));
            }
            ENGINE.client().query("INSERT INTO " + TABLE + " $rows RETURN NONE", Map.of("rows", batch));
        }

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        env.enableCheckpointing(500);
        RestartStrategyUtils.configureNoRestartStrategy(env);
        SurrealSource<SurrealChange> source = SurrealSource.<SurrealChange>builder()
                .setConnectionConfig(ENGINE.config().build())
                .setTables(TABLE)
                .setHeartbeatTable("handover_heartbeat")
                .setStartingMode(StartingMode.SNAPSHOT_THEN_CHANGES)
                .setChunkSize(CHUNK_SIZE)
                .setPollInterval(Duration.ofMillis(200))
                .setDeserializer(SurrealRecordDeserializer.changes())
                .build();
        CloseableIterator<SurrealChange> collected =
                env.fromSource(source, WatermarkStrategy.noWatermarks(), "surreal").collectAsync();

        JobClient job = env.executeAsync("snapshot handover with writers");
        // the writers start with the first chunk: while the enumerator cuts the table it must not grow
        awaitFirstChunk();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        List<Future<?>> running = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            running.add(writers.submit(() -> {
                Random random = new Random(writer);
                for (int i = 0; !stop.get() && committed.size() < EXISTING + MAX_WRITTEN; i++) {
                    // odd writers commit many records at once: a large commit takes longer to become visible
                    int size = writer % 2 == 0 ? 1 : BATCH;
                    List<Map<String, Object>> rows = new ArrayList<>(size);
                    List<String> keys = new ArrayList<>(size);
                    for (int r = 0; r < size; r++) {
                        // sorts right after an existing key: inside the range of that key's chunk
                        String key = existingKey(random.nextInt(EXISTING)) + "-w" + writer + "-" + i + "-" + r;
                        rows.add(Map.of("id", SurrealRecordId.of(TABLE, key), "n", i));
                        keys.add(key);
                    }
                    ENGINE.client().query("INSERT INTO " + TABLE + " $rows RETURN NONE", Map.of("rows", rows));
                    committed.addAll(keys);
                }
                return null;
            }));
        }
        try (CollectedOutput<SurrealChange> out = new CollectedOutput<>(collected)) {
            // the snapshot is over once the SNAPSHOT_DONE marker arrives
            out.awaitUntil(list -> list.stream().anyMatch(SurrealChange::isSnapshotDone), WAIT, "the end of the snapshot");
            stop.set(true);
            writers.shutdown();
            for (Future<?> f : running) {
                f.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            }

            // written after every other write returned: once the job has it, it had its chance at all of them
            SurrealRecordId end = SurrealRecordId.of(TABLE, "zz-end");
            ENGINE.client().query("UPSERT $id SET n = 0 RETURN NONE", Map.of("id", end));
            List<SurrealChange> all = out.awaitUntil(
                    list -> list.stream().anyMatch(c -> !c.isSnapshotDone() && c.id().equals(end)), WAIT, "the end marker");
            job.cancel().get(30, TimeUnit.SECONDS);

            ReadsPerKey reads = new ReadsPerKey(all, TABLE, "k");
            Set<String> missing = reads.missing(committed);
            Set<String> twice = reads.readTwice();
            System.out.printf("snapshot of %d records in chunks of %d, %d writers: committed %d, read %d,"
                            + " missing %d %s, read twice %d %s%n",
                    EXISTING, CHUNK_SIZE, WRITERS, committed.size(), reads.keys().size(),
                    missing.size(), first(missing), twice.size(), first(twice));
            assertThat(committed.size()).as("records written during the snapshot").isGreaterThan(EXISTING + 100);
            assertThat(missing).as("committed records that never reached the job").isEmpty();
            assertThat(twice).as("records that reached the job twice").isEmpty();
        }
    }

    /** Waits for a reader's heartbeat, written as it starts its first chunk. */
    private static void awaitFirstChunk() throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            Object readers = ENGINE.client().query(
                    "RETURN count(SELECT id FROM handover_heartbeat WHERE id != handover_heartbeat:enumerator)",
                    Map.of()).get(0).result();
            if (((Number) readers).intValue() > 0) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no reader started a chunk within " + WAIT);
            }
            Thread.sleep(50);
        }
    }

    private static String existingKey(int i) {
        return String.format("k%05d", i);
    }

    private static List<String> first(Set<String> keys) {
        return keys.stream().limit(5).toList();
    }
}
