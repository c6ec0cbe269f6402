package io.cortexsync.connector.surrealdb.source;

import io.cortexsync.connector.surrealdb.client.SurrealRecordId;
import io.cortexsync.connector.surrealdb.client.SurrealTestEngine;
import io.cortexsync.connector.surrealdb.source.changes.ChangeFeed;
import io.cortexsync.connector.surrealdb.source.changes.FeedChange;
import io.cortexsync.connector.surrealdb.source.changes.FeedEntry;
import io.cortexsync.connector.surrealdb.source.changes.Versionstamps;
import io.cortexsync.connector.surrealdb.source.convert.EntityChangeConverter;
import io.cortexsync.connector.surrealdb.source.convert.SnapshotDone;
import io.cortexsync.connector.surrealdb.source.convert.SyncEntityMapping;
import io.cortexsync.connector.surrealdb.source.record.SurrealChange;
import io.cortexsync.connector.surrealdb.source.record.SurrealChange.Op;
import io.cortexsync.schema.model.EntityChange;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.util.RestartStrategyUtils;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The streaming modes without a snapshot deliver creates, updates and deletes in commit order; the
 * {@link EntityChangeConverter} keeps a record's upserts and deletes in one ordered stream; the
 * heartbeat table does not grow with restarts.
 */
@Timeout(600)
class SurrealSourceChangesITCase {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static final String NS = "changes_it";
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final String HEARTBEATS = "changes_it_heartbeat";
    private static final AtomicInteger PROBES = new AtomicInteger();

    @RegisterExtension
    static final SurrealTestEngine ENGINE = SurrealTestEngine.start("changes", NS);

    private static SurrealSourceBuilder<SurrealChange> source(String table) {
        return SurrealSource.<SurrealChange>builder()
                .setConnectionConfig(ENGINE.config().build())
                .setTables(table)
                .setHeartbeatTable(HEARTBEATS)
                .setPollInterval(Duration.ofMillis(100))
                .setVectorFields("v")
                .setDeserializer(SurrealRecordDeserializer.changes());
    }

    private static StreamExecutionEnvironment env() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        env.enableCheckpointing(200);
        RestartStrategyUtils.configureNoRestartStrategy(env);
        return env;
    }

    @Test
    void changesFromNowDeliverCreatesUpdatesAndDeletesInOrder() throws Exception {
        SourceTestData.defineChangeFeed(ENGINE.client(), "from_now", "1h");
        SurrealRecordId before = SurrealRecordId.of("from_now", "before the job");
        write("CREATE $id SET v = [1.0], n = 0", before);
        StreamExecutionEnvironment env = env();
        CloseableIterator<SurrealChange> collected = env.fromSource(
                source("from_now").setStartingMode(StartingMode.CHANGES_FROM_NOW).build(),
                WatermarkStrategy.noWatermarks(), "surreal").collectAsync();
        JobClient job = env.executeAsync("changes from now");
        try (CollectedOutput<SurrealChange> out = new CollectedOutput<>(collected)) {
            awaitFollowing(out, "from_now");
            List<SurrealRecordId> ids = scenario("from_now");
            List<SurrealChange> all = readThrough(out, job, SurrealRecordId.of("from_now", "zz-end"));
            assertThat(all).noneMatch(change -> change.id().equals(before));
            assertScenario(all, ids);
        }
    }

    @Test
    void changesFromAVersionstampDeliverEveryChangeFromItInOrder() throws Exception {
        SourceTestData.defineChangeFeed(ENGINE.client(), "from_vs", "1h");
        write("CREATE $id SET v = [1.0], n = 0", SurrealRecordId.of("from_vs", "before the position"));
        long startedAt = System.currentTimeMillis();
        List<SurrealRecordId> ids = scenario("from_vs");
        long first = firstVersionstampOf("from_vs", ids.get(0), startedAt);
        StreamExecutionEnvironment env = env();
        CloseableIterator<SurrealChange> collected = env.fromSource(
                source("from_vs").setStartingVersionstamp(first).build(),
                WatermarkStrategy.noWatermarks(), "surreal").collectAsync();
        JobClient job = env.executeAsync("changes from a versionstamp");
        try (CollectedOutput<SurrealChange> out = new CollectedOutput<>(collected)) {
            List<SurrealChange> all = readThrough(out, job, SurrealRecordId.of("from_vs", "zz-end"));
            assertThat(all.get(0).versionstamp()).isEqualTo(first);
            assertScenario(all, ids);
        }
    }

    /**
     * Upsert then delete, and delete then create again, of one id: the entity changes leave the
     * converter in one stream in that order, after the snapshot's reads and its SNAPSHOT_DONE marker.
     */
    @Test
    void entityChangesKeepUpsertsAndDeletesOfAnIdInOrderThroughOneStream() throws Exception {
        SourceTestData.defineChangeFeed(ENGINE.client(), "entities", "1h");
        SourceTestData.writeRecords(ENGINE.client(), "entities", 200, 5);
        StreamExecutionEnvironment env = env();
        SingleOutputStreamOperator<EntityChange> changes = env
                .fromSource(source("entities").setChunkSize(50).build(), WatermarkStrategy.noWatermarks(), "surreal")
                .process(new EntityChangeConverter(SyncEntityMapping.builder().vectorField("v").workspaceId("ws").build()));
        CloseableIterator<EntityChange> main = changes.collectAsync();
        CloseableIterator<SnapshotDone> snapshots = changes.getSideOutput(EntityChangeConverter.SNAPSHOTS).collectAsync();
        long jobStart = System.currentTimeMillis();
        JobClient job = env.executeAsync("entity changes");
        try (CollectedOutput<EntityChange> out = new CollectedOutput<>(main);
                CollectedOutput<SnapshotDone> done = new CollectedOutput<>(snapshots)) {
            List<SnapshotDone> markers = done.awaitUntil(list -> !list.isEmpty(), WAIT, "the snapshot's marker");
            out.awaitUntil(list -> list.size() >= 200, WAIT, "the snapshot");
            SurrealRecordId kept = SurrealRecordId.of("entities", "upsert then delete");
            SurrealRecordId back = SurrealRecordId.of("entities", "delete then create");
            SurrealRecordId snapshotted = SurrealRecordId.ofKey("entities", SourceTestData.hostileKey(3));
            write("CREATE $id SET v = [1.0, 2.0]", kept);
            write("UPDATE $id SET v = [3.0, 4.0]", kept);
            write("DELETE $id", kept);
            write("DELETE $id", snapshotted);
            write("CREATE $id SET v = [5.0, 6.0]", snapshotted);
            write("CREATE $id SET v = [7.0]", back);
            write("DELETE $id", back);
            write("CREATE $id SET v = [8.0]", back);
            SurrealRecordId end = SurrealRecordId.of("entities", "zz-end");
            write("CREATE $id SET v = [9.0]", end);
            List<EntityChange> all = out.awaitUntil(
                    list -> list.stream().anyMatch(c -> c.recordId().canonical().equals(end.toString())), WAIT, "the end");
            job.cancel().get(30, TimeUnit.SECONDS);

            assertThat(markers).hasSize(1);
            assertThat(markers.get(0).table()).isEqualTo("entities");
            assertThat(markers.get(0).startedAt()).isBetween(Instant.ofEpochMilli(jobStart), Instant.now());
            assertThat(operations(all, kept)).containsExactly("UPSERT [1.0, 2.0]", "UPSERT [3.0, 4.0]", "DELETE");
            assertThat(operations(all, snapshotted)).hasSize(3).endsWith("DELETE", "UPSERT [5.0, 6.0]");
            assertThat(operations(all, back)).containsExactly("UPSERT [7.0]", "DELETE", "UPSERT [8.0]");
            Set<String> requestIds = all.stream().map(EntityChange::requestId).collect(Collectors.toSet());
            assertThat(requestIds).as("request ids are unique").hasSize(all.size());
            assertThat(all).allSatisfy(change -> assertThat(change.requestId()).matches("[0-9]+:.+"));
            assertThat(all).allSatisfy(change ->
                    assertThat(change.time()).as("commit time of %s", change)
                            .isBetween(Instant.ofEpochMilli(jobStart - 5_000), Instant.now()));
        }
    }

    /** Each restart of the source writes to the same heartbeat records: one per subtask and one for the enumerator. */
    @Test
    void restartsDoNotGrowTheHeartbeatTable() throws Exception {
        SourceTestData.defineChangeFeed(ENGINE.client(), "beats", "1h");
        for (int run = 0; run < 3; run++) {
            StreamExecutionEnvironment env = env();
            CloseableIterator<SurrealChange> collected = env.fromSource(
                    source("beats").setStartingMode(StartingMode.CHANGES_FROM_NOW).build(),
                    WatermarkStrategy.noWatermarks(), "surreal").collectAsync();
            JobClient job = env.executeAsync("heartbeats " + run);
            try (CollectedOutput<SurrealChange> out = new CollectedOutput<>(collected)) {
                awaitFollowing(out, "beats");
                job.cancel().get(30, TimeUnit.SECONDS);
            }
        }
        Set<String> keys = new TreeSet<>();
        for (Map<String, Object> row : ENGINE.client().query("SELECT id FROM type::table($tb)", Map.of("tb", HEARTBEATS))
                .get(0).records()) {
            keys.add(String.valueOf(((SurrealRecordId) row.get("id")).key()));
        }
        assertThat(keys).as("heartbeat records after three runs").isSubsetOf("enumerator", "reader-0", "reader-1");
    }

    /** Creates, updates twice and deletes records, one transaction each; returns the ids. */
    private static List<SurrealRecordId> scenario(String table) {
        List<SurrealRecordId> ids = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            SurrealRecordId id = SurrealRecordId.ofKey(table, SourceTestData.hostileKey(i));
            write("CREATE $id SET v = [1.0], n = 1", id);
            ids.add(id);
        }
        for (int i = 0; i < 10; i++) {
            write("UPDATE $id SET n = 2", ids.get(i));
            write("UPDATE $id SET n = 3", ids.get(i));
        }
        for (int i = 0; i < 10; i += 2) {
            write("DELETE $id", ids.get(i));
        }
        return ids;
    }

    private static void assertScenario(List<SurrealChange> all, List<SurrealRecordId> ids) {
        Map<SurrealRecordId, List<String>> byId = new LinkedHashMap<>();
        for (SurrealChange change : all) {
            assertThat(change.op()).as("%s", change).isIn(Op.UPSERT, Op.DELETE);
            byId.computeIfAbsent(change.id(), id -> new ArrayList<>())
                    .add(change.isDelete() ? "DELETE" : "UPSERT n=" + change.fields().get("n"));
        }
        for (int i = 0; i < ids.size(); i++) {
            List<String> expected = new ArrayList<>(List.of("UPSERT n=1", "UPSERT n=2", "UPSERT n=3"));
            if (i % 2 == 0) {
                expected.add("DELETE");
            }
            assertThat(byId.get(ids.get(i))).as("%s", ids.get(i)).isEqualTo(expected);
        }
        List<Long> versionstamps = all.stream().map(SurrealChange::versionstamp).collect(Collectors.toList());
        assertThat(versionstamps).as("commit order").isSorted();
    }

    /** Writes probe records until the job emits one: the stream then follows the feed. */
    private static void awaitFollowing(CollectedOutput<SurrealChange> out, String table) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        for (int i = 0; ; i++) {
            SurrealRecordId probe = SurrealRecordId.of(table, "probe " + PROBES.incrementAndGet());
            write("CREATE $id SET v = [0.0]", probe);
            Predicate<List<SurrealChange>> seen = list -> list.stream().anyMatch(c -> !c.isSnapshotDone() && c.table().equals(table));
            try {
                out.awaitUntil(seen, Duration.ofSeconds(2), "a probe");
                return;
            } catch (AssertionError notYet) {
                if (System.nanoTime() > deadline) {
                    throw notYet;
                }
            }
        }
    }

    private static void write(String sql, SurrealRecordId id) {
        ENGINE.client().query(sql, Map.of("id", id));
    }

    /** The versionstamp of the change that created {@code id}, found in the feed from {@code sinceMillis}. */
    private static long firstVersionstampOf(String table, SurrealRecordId id, long sinceMillis) {
        ChangeFeed feed = new ChangeFeed(ENGINE.client(), List.of());
        for (FeedEntry entry : feed.page(Versionstamps.ofMillis(sinceMillis - 5_000), 1000)) {
            for (FeedChange change : entry.changes()) {
                if (id.equals(change.id())) {
                    return entry.versionstamp();
                }
            }
        }
        throw new AssertionError("the create of " + id + " is not in the feed of " + table);
    }

    /** Writes {@code end}, waits for it, cancels the job; returns the changes of the end's table, probes left out. */
    private static List<SurrealChange> readThrough(CollectedOutput<SurrealChange> out, JobClient job, SurrealRecordId end)
            throws Exception {
        write("CREATE $id SET v = [1.0], n = 9", end);
        List<SurrealChange> all = out.awaitUntil(
                list -> list.stream().anyMatch(c -> !c.isSnapshotDone() && c.id().equals(end)), WAIT, "the end marker");
        job.cancel().get(30, TimeUnit.SECONDS);
        return all.stream()
                .filter(c -> !c.isSnapshotDone() && !c.id().equals(end) && !String.valueOf(c.id().key()).startsWith("probe "))
                .collect(Collectors.toList());
    }

    private static List<String> operations(List<EntityChange> all, SurrealRecordId id) {
        List<String> ops = new ArrayList<>();
        for (EntityChange change : all) {
            if (change.recordId().canonical().equals(id.toString())) {
                ops.add(change.isDelete() ? "DELETE" : "UPSERT " + java.util.Arrays.toString(change.entity().vector()));
            }
        }
        return ops;
    }
}
