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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A checkpointed job follows the feed while several writers commit single-record upserts as fast
 * as they can: every committed change reaches the job once, though a transaction with a lower
 * versionstamp can become visible after one with a higher versionstamp.
 */
@Timeout(300)
class SurrealSourceConcurrentWritersITCase {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static final String TABLE = "writers";
    private static final int WRITERS = 8;
    private static final Duration WRITING = Duration.ofSeconds(10);
    private static final Duration WAIT = Duration.ofSeconds(120);

    @RegisterExtension
    static final SurrealTestEngine ENGINE = SurrealTestEngine.start("source-concurrent-writers", "source_writers_it");

    @Test
    void everyChangeOfConcurrentWritersReachesTheJobOnce() throws Exception {
        SourceTestData.defineChangeFeed(ENGINE.client(), TABLE, "1h");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        env.enableCheckpointing(200);
        RestartStrategyUtils.configureNoRestartStrategy(env);
        SurrealSource<SurrealChange> source = SurrealSource.<SurrealChange>builder()
                .setConnectionConfig(ENGINE.config().build())
                .setTables(TABLE)
                .setHeartbeatTable("writers_heartbeat")
                .setStartingMode(StartingMode.CHANGES_FROM_NOW)
                .setPollInterval(Duration.ofMillis(200))
                .setDeserializer(SurrealRecordDeserializer.changes())
                .build();
        CloseableIterator<SurrealChange> collected =
                env.fromSource(source, WatermarkStrategy.noWatermarks(), "surreal").collectAsync();
        JobClient job = env.executeAsync("concurrent writers");
        try (CollectedOutput<SurrealChange> out = new CollectedOutput<>(collected)) {
            awaitFollowing(out);

            Set<String> committed = ConcurrentHashMap.newKeySet();
            long until = System.nanoTime() + WRITING.toNanos();
            ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
            List<Future<?>> running = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                running.add(writers.submit(() -> {
                    for (int i = 0; System.nanoTime() < until; i++) {
                        String key = "w" + writer + "-" + i;
                        ENGINE.client().query("UPSERT $id SET n = $n RETURN NONE",
                                Map.of("id", SurrealRecordId.of(TABLE, key), "n", i));
                        committed.add(key);
                    }
                    return null;
                }));
            }
            writers.shutdown();
            for (Future<?> f : running) {
                f.get(WRITING.plus(WAIT).toSeconds(), TimeUnit.SECONDS);
            }

            // written after every other write returned: once the job has it, it had its chance at all of them
            SurrealRecordId end = SurrealRecordId.of(TABLE, "zz-end");
            ENGINE.client().query("UPSERT $id SET n = 0 RETURN NONE", Map.of("id", end));
            List<SurrealChange> all = out.awaitUntil(
                    list -> list.stream().anyMatch(c -> !c.isSnapshotDone() && c.id().equals(end)), WAIT, "the end marker");
            job.cancel().get(30, TimeUnit.SECONDS);

            ReadsPerKey reads = new ReadsPerKey(all, TABLE, "w");
            Set<String> missing = reads.missing(committed);
            Set<String> twice = reads.readTwice();
            System.out.printf("job, %d writers, %s: committed %d, read %d, missing %d, read twice %d%n",
                    WRITERS, WRITING, committed.size(), reads.keys().size(), missing.size(), twice.size());
            assertThat(missing).as("committed changes that never reached the job").isEmpty();
            assertThat(twice).as("changes that reached the job twice").isEmpty();
            assertThat(reads.keys()).isEqualTo(committed);
        }
    }

    /** Writes probe records until the job emits one: the stream then follows the feed. */
    private static void awaitFollowing(CollectedOutput<SurrealChange> out) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        for (int i = 0; ; i++) {
            ENGINE.client().query("UPSERT $id SET n = 0 RETURN NONE", Map.of("id", SurrealRecordId.of(TABLE, "probe " + i)));
            try {
                out.awaitUntil(list -> list.stream().anyMatch(c -> !c.isSnapshotDone() && c.table().equals(TABLE)),
                        Duration.ofSeconds(2), "a probe");
                return;
            } catch (AssertionError notYet) {
                if (System.nanoTime() > deadline) {
                    throw notYet;
                }
            }
        }
    }
}
