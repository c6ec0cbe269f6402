package io.cortexsync.connector.surrealdb.source;

import io.cortexsync.connector.surrealdb.client.QueryOptions;
import io.cortexsync.connector.surrealdb.client.SurrealClient;
import io.cortexsync.connector.surrealdb.client.SurrealRecordId;
import io.cortexsync.connector.surrealdb.client.SurrealTestEngine;
import io.cortexsync.connector.surrealdb.source.changes.Versionstamps;
import io.cortexsync.connector.surrealdb.source.record.SurrealChange.Op;
import io.cortexsync.connector.surrealdb.source.record.SurrealChange;

import org.apache.flink.api.common.JobStatus;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.util.RestartStrategyUtils;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.apache.flink.util.ExceptionUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** The snapshot followed by the change feed: handover, order per key, busy neighbours, retention. */
@Timeout(600)
class SurrealSourceStreamingITCase {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static final String NS = "streaming_it";
    private static final Duration WAIT = Duration.ofSeconds(120);

    /** Added to the source's clock, to make its position look old without waiting for the feed's GC. */
    static final AtomicLong CLOCK_SHIFT_MS = new AtomicLong();

    @RegisterExtension
    static final SurrealTestEngine ENGINE = SurrealTestEngine.start("streaming", NS);

    private static SurrealSourceBuilder<SurrealChange> source(String... tables) {
        return SurrealSource.<SurrealChange>builder()
                .setConnectionConfig(ENGINE.config().build())
                .setTables(tables)
                .setStartingMode(StartingMode.SNAPSHOT_THEN_CHANGES)
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
    void changesAfterTheSnapshotArriveOnceInOrderWhileBusyTablesDoNotStallThem() throws Exception {
        SourceTestData.defineChangeFeed(ENGINE.client(), "docs", "1h");
        SourceTestData.defineChangeFeed(ENGINE.client(), "busy", "1h");
        SourceTestData.writeRecords(ENGINE.client(), "docs", 1_000, 1);
        StreamExecutionEnvironment env = env();
        // pages of 20 entries: the watched table's changes sit behind hundreds of busy ones
        SurrealSource<SurrealChange> source = source("docs").setChunkSize(200).setChangesPageSize(20).build();
        CloseableIterator<SurrealChange> collected =
                env.fromSource(source, WatermarkStrategy.noWatermarks(), "surreal").collectAsync();
        JobClient job = env.executeAsync("streaming");
        try (CollectedOutput<SurrealChange> out = new CollectedOutput<>(collected)) {
            out.awaitUntil(records -> records.size() >= 1_000, WAIT, "the snapshot");

            busyWrites(300);
            List<SurrealRecordId> updated = new ArrayList<>();
            List<SurrealRecordId> deleted = new ArrayList<>();
            List<SurrealRecordId> created = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                SurrealRecordId id = SurrealRecordId.ofKey("docs", SourceTestData.hostileKey(i));
                ENGINE.client().query("UPDATE $id SET title = 'first update'", Map.of("id", id));
                ENGINE.client().query("UPDATE $id SET title = 'second update'", Map.of("id", id));
                updated.add(id);
                SurrealRecordId gone = SurrealRecordId.ofKey("docs", SourceTestData.hostileKey(500 + i));
                ENGINE.client().query("DELETE $id", Map.of("id", gone));
                deleted.add(gone);
                SurrealRecordId fresh = SurrealRecordId.of("docs", "new ⟩ record; " + i);
                ENGINE.client().query("CREATE $id SET title = 'created', v = $v", Map.of("id", fresh, "v", new float[] {1f, 2f}));
                created.add(fresh);
                busyWrites(10);
            }
            SurrealRecordId marker = SurrealRecordId.of("docs", "zz-marker");
            List<SurrealChange> all = readThrough(out, job, marker, "CREATE $id SET title = 'end'", "the marker");
            assertMarkerAfterTheReadsAndBeforeTheChanges(out.snapshot(), "docs");

            Map<SurrealRecordId, List<SurrealChange>> byId = byId(all);
            assertThat(byId.keySet()).allMatch(id -> id.table().equals("docs"));
            for (SurrealRecordId id : updated) {
                assertThat(byId.get(id)).extracting(SurrealChange::op).containsExactly(Op.READ, Op.UPSERT, Op.UPSERT);
                assertThat(byId.get(id)).extracting(c -> c.fields().get("title"))
                        .endsWith("first update", "second update");
                assertThat(byId.get(id).get(1).versionstamp()).isLessThan(byId.get(id).get(2).versionstamp());
            }
            for (SurrealRecordId id : deleted) {
                assertThat(byId.get(id)).extracting(SurrealChange::op).containsExactly(Op.READ, Op.DELETE);
                assertThat(byId.get(id).get(1).fields()).isNull();
            }
            for (SurrealRecordId id : created) {
                assertThat(byId.get(id)).extracting(SurrealChange::op).containsExactly(Op.UPSERT);
                assertThat((float[]) byId.get(id).get(0).fields().get("v")).containsExactly(1f, 2f);
            }
            long untouched = byId.values().stream().filter(changes -> changes.size() == 1
                    && changes.get(0).op() == Op.READ).count();
            assertThat(untouched).isEqualTo(1_000 - 40);
        }
    }

    @Test
    void writesDuringTheSnapshotAreNeitherLostNorRepeated() throws Exception {
        SourceTestData.defineChangeFeed(ENGINE.client(), "hot", "1h");
        SourceTestData.writeRecords(ENGINE.client(), "hot", 2_000, 2);
        AtomicLong version = new AtomicLong(1_000_000);
        ENGINE.client().query("UPDATE hot SET ver = 0", Map.of());
        StreamExecutionEnvironment env = env();
        SurrealSource<SurrealChange> source = source("hot").setChunkSize(50).build();
        AtomicBoolean writing = new AtomicBoolean(true);
        Thread writer = new Thread(() -> {
            Random random = new Random(9);
            try (SurrealClient own = SurrealClient.create(ENGINE.config().build())) {
                while (writing.get()) {
                    SurrealRecordId id = SurrealRecordId.ofKey("hot", SourceTestData.hostileKey(random.nextInt(2_200)));
                    int action = random.nextInt(10);
                    if (action == 0) {
                        own.query("DELETE $id", Map.of("id", id));
                    } else {
                        own.query("UPSERT $id SET ver = $ver", Map.of("id", id, "ver", version.incrementAndGet()));
                    }
                }
            }
        }, "concurrent-writer");
        CloseableIterator<SurrealChange> collected =
                env.fromSource(source, WatermarkStrategy.noWatermarks(), "surreal").collectAsync();
        JobClient job = env.executeAsync("handover");
        try (CollectedOutput<SurrealChange> out = new CollectedOutput<>(collected)) {
            writer.start();
            // the writes go on through the whole snapshot (40 chunks) and into the stream
            out.awaitUntil(records -> records.stream().filter(c -> c.op() == Op.READ).count() >= 1_500, WAIT,
                    "most of the snapshot");
            Thread.sleep(1_000); // let the writer run on into the stream phase; not used to synchronize
            writing.set(false);
            writer.join(30_000);
            SurrealRecordId marker = SurrealRecordId.of("hot", "zz-marker");
            List<SurrealChange> all = readThrough(out, job, marker, "CREATE $id SET ver = 0", "the marker");

            Map<SurrealRecordId, Long> replayed = new HashMap<>();
            Map<SurrealRecordId, Long> lastVersion = new HashMap<>();
            for (SurrealChange change : all) {
                if (change.isDelete()) {
                    replayed.remove(change.id());
                    continue;
                }
                long ver = ((Number) change.fields().get("ver")).longValue();
                Long before = lastVersion.put(change.id(), ver);
                if (before != null && ver <= before && ver != 0) {
                    fail("%s went from version %d to %d: a change was emitted twice or out of order", change.id(), before, ver);
                }
                replayed.put(change.id(), ver);
            }
            Map<SurrealRecordId, Long> table = new HashMap<>();
            for (Map<String, Object> row : ENGINE.client().query("SELECT id, ver FROM hot", Map.of(), QueryOptions.DEFAULTS)
                    .get(0).records()) {
                table.put((SurrealRecordId) row.get("id"), ((Number) row.get("ver")).longValue());
            }
            assertThat(version.get()).as("concurrent writes happened").isGreaterThan(1_000_100);
            assertThat(replayed).isEqualTo(table);
        } finally {
            writing.set(false);
        }
    }

    @Test
    void anExpiredPositionFailsTheJobWithAClearMessage() throws Exception {
        SourceTestData.defineChangeFeed(ENGINE.client(), "expiring", "1h");
        SourceTestData.writeRecords(ENGINE.client(), "expiring", 10, 3);
        StreamExecutionEnvironment env = env();
        SurrealSource<SurrealChange> source = source("expiring")
                .setStartingMode(StartingMode.CHANGES_FROM_NOW)
                .setClock(() -> System.currentTimeMillis() + Duration.ofHours(2).toMillis())
                .build();
        env.fromSource(source, WatermarkStrategy.noWatermarks(), "surreal").sinkTo(new org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink<>());
        JobClient job = env.executeAsync("expired");
        try {
            job.getJobExecutionResult().get(120, TimeUnit.SECONDS);
            fail("the job should have failed");
        } catch (java.util.concurrent.ExecutionException e) {
            assertThat(ExceptionUtils.findThrowableWithMessage(e, "older than the change feed retention 1h of table 'expiring'"))
                    .as("failure naming position, retention and table: %s", ExceptionUtils.stringifyException(e))
                    .isPresent();
        }
        assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.FAILED);
    }

    @Test
    void anExpiredPositionIsReadAgainAsASnapshotWhenConfigured() throws Exception {
        SourceTestData.defineChangeFeed(ENGINE.client(), "resnap", "1h");
        SourceTestData.writeRecords(ENGINE.client(), "resnap", 100, 4);
        StreamExecutionEnvironment env = env();
        SurrealSource<SurrealChange> source = source("resnap")
                .setExpiredPositionPolicy(ExpiredPositionPolicy.RESNAPSHOT)
                .setClock(() -> System.currentTimeMillis() + CLOCK_SHIFT_MS.get())
                .build();
        CloseableIterator<SurrealChange> collected =
                env.fromSource(source, WatermarkStrategy.noWatermarks(), "surreal").collectAsync();
        JobClient job = env.executeAsync("resnapshot");
        try (CollectedOutput<SurrealChange> out = new CollectedOutput<>(collected)) {
            out.awaitUntil(records -> markers(records).size() == 1, WAIT, "the first snapshot");
            expireThePosition(() -> { });
            out.awaitUntil(records -> markers(records).size() == 2, WAIT, "the second snapshot");
            SurrealRecordId after = SurrealRecordId.of("resnap", "after");
            List<SurrealChange> all = readThrough(out, job, after, "CREATE $id SET n = 1", "a change after it");
            Map<SurrealRecordId, List<SurrealChange>> byId = byId(all);
            assertThat(byId).hasSize(101);
            byId.forEach((id, changes) -> {
                if (!id.equals(after)) {
                    assertThat(changes).extracting(SurrealChange::op).as("%s", id).containsExactly(Op.READ, Op.READ);
                }
            });
            assertThat(markers(out.snapshot())).as("no further re-snapshot").hasSize(2);
        } finally {
            CLOCK_SHIFT_MS.set(0);
        }
    }

    /**
     * From CHANGES_FROM_NOW, an expired position re-snapshots the table: the changes of the gap
     * arrive as snapshot reads (deletes as absent records, for the job to clear by the marker), then
     * the stream follows the snapshot. Before, the source jumped to "now" and dropped the gap.
     */
    @Test
    void anExpiredPositionFromNowIsReadAgainWithTheGapAndThenFollowed() throws Exception {
        expiredPositionInAChangesMode("gap_now", StartingMode.CHANGES_FROM_NOW);
    }

    /**
     * From CHANGES_FROM_VERSIONSTAMP, likewise; before, the source went back to the configured,
     * expired position and re-snapshotted in a loop.
     */
    @Test
    void anExpiredPositionFromAVersionstampIsReadAgainOnceAndThenFollowed() throws Exception {
        expiredPositionInAChangesMode("gap_vs", StartingMode.CHANGES_FROM_VERSIONSTAMP);
    }

    private static void expiredPositionInAChangesMode(String table, StartingMode mode) throws Exception {
        SourceTestData.defineChangeFeed(ENGINE.client(), table, "1h");
        long since = System.currentTimeMillis();
        SourceTestData.writeRecords(ENGINE.client(), table, 20, 6);
        SurrealSourceBuilder<SurrealChange> builder = source(table)
                .setStartingMode(mode)
                // a caught-up reader polls rarely: the gap is written between two polls, so the stream misses it
                .setPollInterval(Duration.ofSeconds(2))
                .setExpiredPositionPolicy(ExpiredPositionPolicy.RESNAPSHOT)
                .setClock(() -> System.currentTimeMillis() + CLOCK_SHIFT_MS.get());
        if (mode == StartingMode.CHANGES_FROM_VERSIONSTAMP) {
            builder.setStartingVersionstamp(Versionstamps.ofMillis(since));
        }
        StreamExecutionEnvironment env = env();
        CloseableIterator<SurrealChange> collected =
                env.fromSource(builder.build(), WatermarkStrategy.noWatermarks(), "surreal").collectAsync();
        JobClient job = env.executeAsync("resnapshot from " + mode);
        try (CollectedOutput<SurrealChange> out = new CollectedOutput<>(collected)) {
            SurrealRecordId probe = SurrealRecordId.of(table, "following");
            long deadline = System.nanoTime() + WAIT.toNanos();
            for (long attempt = 0; !contains(out.snapshot(), probe); attempt++) {
                // CHANGES_FROM_NOW reads only what is written after its start: write until it reads it
                // (a new value each time: an upsert that changes nothing leaves no change feed entry)
                ENGINE.client().query("UPSERT $id SET n = $n, v = [0.0]", Map.of("id", probe, "n", attempt));
                try {
                    out.awaitUntil(records -> contains(records, probe), Duration.ofSeconds(3), "the probe");
                } catch (AssertionError notYet) {
                    if (System.nanoTime() > deadline) {
                        throw notYet;
                    }
                }
            }
            int before = out.snapshot().size();
            List<SurrealRecordId> updated = new ArrayList<>();
            List<SurrealRecordId> deleted = new ArrayList<>();
            List<SurrealRecordId> created = new ArrayList<>();
            long expiredAt = System.currentTimeMillis();
            expireThePosition(() -> {
                for (int i = 0; i < 5; i++) {
                    SurrealRecordId up = SurrealRecordId.ofKey(table, SourceTestData.hostileKey(i));
                    ENGINE.client().query("UPDATE $id SET n = 100", Map.of("id", up));
                    updated.add(up);
                    SurrealRecordId gone = SurrealRecordId.ofKey(table, SourceTestData.hostileKey(10 + i));
                    ENGINE.client().query("DELETE $id", Map.of("id", gone));
                    deleted.add(gone);
                    SurrealRecordId fresh = SurrealRecordId.of(table, "gap " + i);
                    ENGINE.client().query("CREATE $id SET n = 200, v = [1.0]", Map.of("id", fresh));
                    created.add(fresh);
                }
            });
            out.awaitUntil(records -> !markers(records).isEmpty(), WAIT, "the re-snapshot's marker");
            SurrealRecordId after = SurrealRecordId.of(table, "zz-after");
            ENGINE.client().query("CREATE $id SET n = 300, v = [2.0]", Map.of("id", after));
            out.awaitUntil(records -> contains(records, after), WAIT, "a change after the re-snapshot");
            job.cancel().get(30, TimeUnit.SECONDS);

            List<SurrealChange> output = out.snapshot();
            List<SurrealChange> sinceExpiry = output.subList(before, output.size());
            List<SurrealChange> markers = markers(sinceExpiry);
            assertThat(markers).as("one re-snapshot, no loop").hasSize(1);
            assertThat(markers.get(0).table()).isEqualTo(table);
            assertThat(markers.get(0).snapshotStartedAt())
                    .isBetween(Instant.ofEpochMilli(expiredAt), Instant.ofEpochMilli(System.currentTimeMillis()));
            Map<SurrealRecordId, List<SurrealChange>> byId = byId(records(sinceExpiry));
            for (SurrealRecordId id : updated) {
                assertThat(byId.get(id)).as("%s", id).extracting(c -> c.fields().get("n")).last().isEqualTo(100L);
            }
            for (SurrealRecordId id : created) {
                assertThat(byId.get(id)).as("%s", id).extracting(c -> c.fields().get("n")).last().isEqualTo(200L);
            }
            for (SurrealRecordId id : deleted) {
                List<SurrealChange> changes = byId.getOrDefault(id, List.of());
                assertThat(changes.isEmpty() || changes.get(changes.size() - 1).isDelete())
                        .as("%s is read no more once deleted: %s", id, changes).isTrue();
            }
            int at = sinceExpiry.indexOf(markers.get(0));
            assertThat(records(sinceExpiry.subList(at + 1, sinceExpiry.size())))
                    .as("after the marker: the stream from the snapshot on, nothing from before it")
                    .extracting(SurrealChange::id).containsExactly(after);
            long reads = sinceExpiry.stream().filter(c -> c.op() == Op.READ).count();
            assertThat(reads).as("the table read once: %s", byId.keySet()).isEqualTo(20 - 5 + 5 + 1);
        } finally {
            CLOCK_SHIFT_MS.set(0);
        }
    }

    /**
     * Moves the source's clock two hours on, so its position looks older than the 1h retention,
     * runs {@code gap}, and moves the clock back as soon as the re-snapshot reads its first chunk
     * (its reader writes a heartbeat, which the stream does not do in an hour): the stream that
     * follows the re-snapshot must see the real clock, or it would expire again.
     */
    private static void expireThePosition(Runnable gap) throws InterruptedException {
        Map<Object, Object> beats = heartbeats();
        CLOCK_SHIFT_MS.set(Duration.ofHours(2).toMillis());
        gap.run();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (heartbeats().equals(beats)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no chunk was read again within " + WAIT + "; heartbeats " + beats);
            }
            Thread.sleep(10); // polls the heartbeat table; nothing to wait on
        }
        CLOCK_SHIFT_MS.set(0);
    }

    /** The readers' heartbeat records: key to nonce. */
    private static Map<Object, Object> heartbeats() {
        Map<Object, Object> beats = new HashMap<>();
        for (Map<String, Object> row : ENGINE.client().query("SELECT id, nonce FROM cortexsync_heartbeat", Map.of())
                .get(0).records()) {
            Object key = ((SurrealRecordId) row.get("id")).key();
            if (String.valueOf(key).startsWith("reader-")) {
                beats.put(key, row.get("nonce"));
            }
        }
        return beats;
    }

    private static void busyWrites(int count) {
        for (int i = 0; i < count; i++) {
            ENGINE.client().query("CREATE busy SET at = time::now()", Map.of());
        }
    }

    /**
     * Writes {@code last} by {@code sql} (which binds it as {@code $id}), waits until the job has
     * read it, cancels the job and returns every change it read.
     */
    private static List<SurrealChange> readThrough(
            CollectedOutput<SurrealChange> out, JobClient job, SurrealRecordId last, String sql, String what) throws Exception {
        ENGINE.client().query(sql, Map.of("id", last));
        List<SurrealChange> all = out.awaitUntil(records -> contains(records, last), WAIT, what);
        job.cancel().get(30, TimeUnit.SECONDS);
        return records(all);
    }

    /**
     * One SNAPSHOT_DONE for {@code table}, after every snapshot read (they passed a completed
     * checkpoint before the stream was handed out, so they reached the sink first, whichever reader
     * read them) and before any change from the stream.
     */
    static void assertMarkerAfterTheReadsAndBeforeTheChanges(List<SurrealChange> output, String table) {
        List<SurrealChange> markers = markers(output);
        assertThat(markers).as("SNAPSHOT_DONE markers").hasSize(1);
        assertThat(markers.get(0).table()).isEqualTo(table);
        int at = output.indexOf(markers.get(0));
        assertThat(output.subList(0, at)).as("before the marker").allMatch(c -> c.op() == Op.READ);
        assertThat(output.subList(at + 1, output.size())).as("after the marker").noneMatch(c -> c.op() == Op.READ);
    }

    static boolean contains(List<SurrealChange> changes, SurrealRecordId id) {
        return changes.stream().anyMatch(c -> !c.isSnapshotDone() && c.id().equals(id));
    }

    /** The records' changes, the SNAPSHOT_DONE markers left out. */
    static List<SurrealChange> records(List<SurrealChange> changes) {
        return changes.stream().filter(c -> !c.isSnapshotDone()).collect(Collectors.toList());
    }

    static List<SurrealChange> markers(List<SurrealChange> changes) {
        return changes.stream().filter(SurrealChange::isSnapshotDone).collect(Collectors.toList());
    }

    static Map<SurrealRecordId, List<SurrealChange>> byId(List<SurrealChange> changes) {
        Map<SurrealRecordId, List<SurrealChange>> byId = new LinkedHashMap<>();
        for (SurrealChange change : changes) {
            byId.computeIfAbsent(change.id(), id -> new ArrayList<>()).add(change);
        }
        return byId;
    }
}
