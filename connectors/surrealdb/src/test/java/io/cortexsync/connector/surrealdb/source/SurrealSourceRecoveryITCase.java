package io.cortexsync.connector.surrealdb.source;

import io.cortexsync.connector.surrealdb.client.SurrealClient;
import io.cortexsync.connector.surrealdb.client.SurrealConnectionConfig;
import io.cortexsync.connector.surrealdb.client.SurrealException;
import io.cortexsync.connector.surrealdb.client.SurrealNone;
import io.cortexsync.connector.surrealdb.client.SurrealRecordId;
import io.cortexsync.connector.surrealdb.client.SurrealStatementException;
import io.cortexsync.connector.surrealdb.source.record.SurrealChange;
import io.cortexsync.connector.surrealdb.source.record.SurrealChange.Op;
import io.cortexsync.testkit.proxy.FaultProxy;
import io.cortexsync.testkit.surrealdb.EmbeddedSurrealDb;

import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.executiongraph.AccessExecutionVertex;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.util.RestartStrategyUtils;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine restarted (surrealkv on disk) or the network cut in the middle of a snapshot and of
 * the change stream: the checkpointed job recovers, and what its committed checkpoints hold has
 * every record exactly once (collected by {@link CommittedOutput}).
 */
@Timeout(600)
class SurrealSourceRecoveryITCase {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static final Duration WAIT = Duration.ofSeconds(180);

    @TempDir
    static Path tempDir;

    private static EmbeddedSurrealDb engine;
    private static FaultProxy proxy;
    private static SurrealClient direct;

    @BeforeAll
    static void start() throws Exception {
        engine = EmbeddedSurrealDb.builder()
                .dataDir(Files.createDirectories(tempDir.resolve("surrealkv")))
                .logFile(Paths.get("target", "surrealdb-recovery.log").toAbsolutePath())
                .build()
                .start();
        proxy = FaultProxy.start("127.0.0.1", engine.port());
        direct = SurrealClient.create(connection(engine.baseUrl(), 1));
    }

    @AfterAll
    static void stop() {
        if (direct != null) {
            direct.close();
        }
        if (proxy != null) {
            proxy.close();
        }
        if (engine != null) {
            engine.close();
        }
    }

    /**
     * Through the proxy. Without retries a dead engine fails the task at once, so recovery from
     * the checkpoint runs for real; with them, the client rides out cut connections itself.
     */
    private static SurrealConnectionConfig connection(String url, int attempts) {
        return SourceTestData.connection(url, "root", "root", "recovery")
                .requestTimeout(Duration.ofSeconds(20))
                .retry(attempts, Duration.ofMillis(50), Duration.ofMillis(500))
                .build();
    }

    private static SurrealSourceBuilder<SurrealChange> source(String table, StartingMode mode) {
        return SurrealSource.<SurrealChange>builder()
                .setConnectionConfig(connection("http://" + proxy.address(), 1))
                .setTables(table)
                .setStartingMode(mode)
                .setPollInterval(Duration.ofMillis(100))
                .setVectorFields("v")
                .setDeserializer(SurrealRecordDeserializer.changes());
    }

    private static StreamExecutionEnvironment env(boolean rocksDb) {
        Configuration conf = new Configuration();
        if (rocksDb) {
            conf.set(StateBackendOptions.STATE_BACKEND, "rocksdb");
        }
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, tempDir.resolve("checkpoints").toUri().toString());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        env.enableCheckpointing(200);
        RestartStrategyUtils.configureFixedDelayRestartStrategy(env, 200, Duration.ofMillis(250));
        return env;
    }

    @Test
    void engineRestartedInTheMiddleOfTheSnapshot(@InjectMiniCluster MiniCluster cluster) throws Exception {
        Set<SurrealRecordId> written = SourceTestData.writeRecords(direct, "snap_restart", 4_000, 1).keySet();
        proxy.latency(Duration.ofMillis(10));
        StreamExecutionEnvironment env = env(true);
        String output = committedOutput(env, source("snap_restart", StartingMode.SNAPSHOT_ONLY).setChunkSize(40).build());
        JobClient job = env.executeAsync("snapshot restart");
        try {
            CommittedOutput.awaitUntil(output, records -> records.size() >= 600, WAIT, "part of the snapshot");
            engine.restart();
            job.getJobExecutionResult().get(WAIT.toSeconds(), TimeUnit.SECONDS);
            List<SurrealChange> all = CommittedOutput.committed(output);
            assertThat(restarts(cluster, job.getJobID())).as("task failovers").isPositive();
            assertExactlyOnce(all, written, Op.READ);
        } finally {
            proxy.heal();
        }
    }

    /** Creates, updates and deletes on both sides of an engine restart in the middle of the stream. */
    @Test
    void engineRestartedInTheMiddleOfTheStream(@InjectMiniCluster MiniCluster cluster) throws Exception {
        SourceTestData.defineChangeFeed(direct, "stream_restart", "1h");
        Set<SurrealRecordId> snapshot = SourceTestData.writeRecords(direct, "stream_restart", 500, 2).keySet();
        List<SurrealRecordId> snapshotIds = new java.util.ArrayList<>(snapshot);
        StreamExecutionEnvironment env = env(false);
        String output = committedOutput(env, source("stream_restart", StartingMode.SNAPSHOT_THEN_CHANGES).setChunkSize(100).build());
        JobClient job = env.executeAsync("stream restart");
        try {
            CommittedOutput.awaitUntil(output, records -> records.size() >= 500, WAIT, "the snapshot");
            Set<SurrealRecordId> created = createOneByOne("stream_restart", 0, 150);
            for (int i = 0; i < 30; i++) {
                writeWithRetry("UPDATE $id SET n = 1", SurrealRecordId.of("stream_restart", "s" + i));
                writeWithRetry("UPDATE $id SET n = 1", snapshotIds.get(i));
            }
            for (int i = 140; i < 150; i++) {
                writeWithRetry("DELETE $id", SurrealRecordId.of("stream_restart", "s" + i));
            }
            CommittedOutput.awaitUntil(output, records -> records.size() >= 560, WAIT, "some of the stream");
            engine.restart();
            created.addAll(createOneByOne("stream_restart", 150, 300));
            for (int i = 30; i < 60; i++) {
                writeWithRetry("UPDATE $id SET n = 2", SurrealRecordId.of("stream_restart", "s" + i));
                writeWithRetry("UPDATE $id SET n = 2", snapshotIds.get(i));
            }
            for (int i = 100; i < 120; i++) {
                writeWithRetry("DELETE $id", SurrealRecordId.of("stream_restart", "s" + i));
                writeWithRetry("DELETE $id", snapshotIds.get(100 + i));
            }
            SurrealRecordId marker = SurrealRecordId.of("stream_restart", "zz-marker");
            createWithRetry(marker);
            created.add(marker);
            List<SurrealChange> all = CommittedOutput.awaitUntil(output,
                    records -> records.stream().anyMatch(c -> !c.isSnapshotDone() && c.id().equals(marker)), WAIT, "the marker");
            job.cancel().get(30, TimeUnit.SECONDS);
            assertThat(restarts(cluster, job.getJobID())).as("task failovers").isPositive();
            assertExactlyOnce(all.stream().filter(c -> c.op() == Op.READ).collect(Collectors.toList()), snapshot, Op.READ);
            List<SurrealChange> stream = all.stream()
                    .filter(c -> c.op() == Op.UPSERT || c.op() == Op.DELETE).collect(Collectors.toList());
            assertThat(stream.stream().map(c -> c.id() + "@" + c.versionstamp()).distinct().count())
                    .as("no change emitted twice").isEqualTo(stream.size());
            assertThat(stream.stream().filter(c -> c.op() == Op.UPSERT && !c.fields().containsKey("n")).map(SurrealChange::id)
                    .collect(Collectors.toSet())).as("every create, once").isEqualTo(created);
            assertStreamEndsAsTheTable(all, "stream_restart");
        } finally {
            proxy.heal();
        }
    }

    /** Every record's last change says what the table holds: its {@code n}, or that it is gone. */
    private static void assertStreamEndsAsTheTable(List<SurrealChange> all, String table) {
        Map<SurrealRecordId, Object> emitted = new HashMap<>();
        for (SurrealChange change : all) {
            if (change.isSnapshotDone()) {
                continue;
            }
            if (change.isDelete()) {
                emitted.remove(change.id());
            } else {
                emitted.put(change.id(), n(change.fields().get("n")));
            }
        }
        Map<SurrealRecordId, Object> stored = new HashMap<>();
        for (Map<String, Object> row : direct.query("SELECT id, n FROM type::table($tb)", Map.of("tb", table)).get(0).records()) {
            stored.put((SurrealRecordId) row.get("id"), n(row.get("n")));
        }
        Map<SurrealRecordId, String> differences = new HashMap<>();
        stored.forEach((id, n) -> {
            if (!n.equals(emitted.get(id))) {
                differences.put(id, "stored " + n + ", emitted " + emitted.get(id));
            }
        });
        emitted.forEach((id, n) -> {
            if (!stored.containsKey(id)) {
                differences.put(id, "deleted, emitted " + n);
            }
        });
        assertThat(differences).as("records whose last change differs from the table (of %d)", stored.size()).isEmpty();
    }

    /** A field's value as text; a missing field reads as NONE from a query and as absent from a change. */
    private static String n(Object value) {
        return value == null || value == SurrealNone.NONE ? "none" : String.valueOf(value);
    }

    /** Writes once the engine is up again; {@code sql} binds the record as {@code $id}. */
    private static void writeWithRetry(String sql, SurrealRecordId id) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            try {
                direct.query(sql, Map.of("id", id));
                return;
            } catch (SurrealStatementException e) {
                throw e;
            } catch (SurrealException down) {
                if (System.nanoTime() > deadline) {
                    throw down;
                }
                try {
                    Thread.sleep(100); // the engine is restarting; nothing to wait on but time
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw down;
                }
            }
        }
    }

    @Test
    void latencyAndCutConnectionsThroughSnapshotAndStream() throws Exception {
        SourceTestData.defineChangeFeed(direct, "cut", "1h");
        Set<SurrealRecordId> snapshot = SourceTestData.writeRecords(direct, "cut", 1_500, 3).keySet();
        proxy.latency(Duration.ofMillis(5));
        StreamExecutionEnvironment env = env(false);
        String output = committedOutput(env, source("cut", StartingMode.SNAPSHOT_THEN_CHANGES)
                .setConnectionConfig(connection("http://" + proxy.address(), 5)).setChunkSize(50).build());
        JobClient job = env.executeAsync("cut connections");
        AtomicBoolean cutting = new AtomicBoolean(true);
        Thread cutter = new Thread(() -> {
            while (cutting.get()) {
                try {
                    Thread.sleep(700); // the fault's rhythm, not a synchronization
                } catch (InterruptedException e) {
                    return;
                }
                proxy.cutConnections();
            }
        }, "connection-cutter");
        try {
            long acceptedBefore = proxy.acceptedConnections();
            cutter.start();
            CommittedOutput.awaitUntil(output, records -> records.size() >= 1_500, WAIT, "the snapshot");
            Set<SurrealRecordId> created = createOneByOne("cut", 0, 100);
            SurrealRecordId marker = SurrealRecordId.of("cut", "zz-marker");
            createWithRetry(marker);
            created.add(marker);
            List<SurrealChange> all = CommittedOutput.awaitUntil(output,
                    records -> records.stream().anyMatch(c -> !c.isSnapshotDone() && c.id().equals(marker)), WAIT, "the marker");
            job.cancel().get(30, TimeUnit.SECONDS);
            assertThat(proxy.acceptedConnections() - acceptedBefore).as("connections opened again after cuts").isGreaterThan(3);
            assertExactlyOnce(all.stream().filter(c -> c.op() == Op.READ).collect(Collectors.toList()), snapshot, Op.READ);
            assertExactlyOnce(all.stream().filter(c -> c.op() == Op.UPSERT).collect(Collectors.toList()), created, Op.UPSERT);
            assertThat(all.stream().filter(SurrealChange::isSnapshotDone).map(SurrealChange::table).collect(Collectors.toList()))
                    .as("the snapshot's marker, once").containsExactly("cut");
        } finally {
            cutting.set(false);
            cutter.join(5_000);
            proxy.heal();
        }
    }

    /** Sends the source's output to a {@link CommittedOutput}; returns the name to read it by. */
    private static String committedOutput(StreamExecutionEnvironment env, SurrealSource<SurrealChange> source) {
        String name = "recovery-" + UUID.randomUUID();
        env.fromSource(source, WatermarkStrategy.noWatermarks(), "surreal")
                .process(new CommittedOutput(name)).returns(Types.VOID).setParallelism(1)
                .sinkTo(new DiscardingSink<>()).setParallelism(1);
        return name;
    }

    private static void assertExactlyOnce(List<SurrealChange> changes, Set<SurrealRecordId> expected, Op op) {
        Map<SurrealRecordId, Integer> counts = new HashMap<>();
        for (SurrealChange change : changes) {
            assertThat(change.op()).as("%s", change).isEqualTo(op);
            counts.merge(change.id(), 1, Integer::sum);
        }
        assertThat(counts.keySet()).isEqualTo(expected);
        Map<SurrealRecordId, Integer> repeated = new HashMap<>(counts);
        repeated.values().removeIf(count -> count == 1);
        assertThat(repeated).as("records emitted more than once").isEmpty();
    }

    /** Creates records one per transaction, each exactly once even when the engine is down for a while. */
    private static Set<SurrealRecordId> createOneByOne(String table, int from, int to) {
        Set<SurrealRecordId> ids = new java.util.LinkedHashSet<>();
        for (int i = from; i < to; i++) {
            SurrealRecordId id = SurrealRecordId.of(table, "s" + i);
            createWithRetry(id);
            ids.add(id);
        }
        return ids;
    }

    private static void createWithRetry(SurrealRecordId id) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            try {
                direct.query("CREATE $id SET v = $v", Map.of("id", id, "v", new float[] {1f, 2f}));
                return;
            } catch (SurrealStatementException e) {
                if (String.valueOf(e.getMessage()).contains("already exists")) {
                    return; // an earlier attempt went through before its reply was lost
                }
                throw e;
            } catch (SurrealException down) {
                if (System.nanoTime() > deadline) {
                    throw down;
                }
                try {
                    Thread.sleep(100); // the engine is restarting; nothing to wait on but time
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw down;
                }
            }
        }
    }

    private static long restarts(MiniCluster cluster, JobID job) throws Exception {
        long attempts = 0;
        for (AccessExecutionVertex vertex : cluster.getExecutionGraph(job).get().getAllExecutionVertices()) {
            attempts = Math.max(attempts, vertex.getCurrentExecutionAttempt().getAttemptNumber());
        }
        return attempts;
    }
}
