package io.cortexsync.connector.surrealdb.source.reader;

import io.cortexsync.connector.surrealdb.client.SurrealRecordId;
import io.cortexsync.connector.surrealdb.client.SurrealTestEngine;
import io.cortexsync.connector.surrealdb.source.SourceTestData;
import io.cortexsync.connector.surrealdb.source.StartingMode;
import io.cortexsync.connector.surrealdb.source.SurrealRecordDeserializer;
import io.cortexsync.connector.surrealdb.source.SurrealSource;
import io.cortexsync.connector.surrealdb.source.SurrealSourceConfig;
import io.cortexsync.connector.surrealdb.source.changes.ChangeFeed;
import io.cortexsync.connector.surrealdb.source.changes.Versionstamps;
import io.cortexsync.connector.surrealdb.source.record.SurrealChange;
import io.cortexsync.connector.surrealdb.source.split.StreamSplit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several writers commit single-record transactions as fast as they can while the stream reader
 * follows the feed: a transaction's versionstamp is taken before its commit is visible, so one
 * with a lower versionstamp can become visible after a higher one was read. Every committed
 * change must still be read, and none twice.
 */
@Timeout(300)
class StreamReaderConcurrentWritersITCase {

    private static final String TABLE = "concurrent";
    private static final int WRITERS = 8;
    private static final Duration WRITING = Duration.ofSeconds(10);
    private static final Duration WAIT = Duration.ofSeconds(60);

    @RegisterExtension
    static final SurrealTestEngine ENGINE = SurrealTestEngine.start("concurrent-writers", "concurrent_writers_it");

    private static SurrealSourceConfig config() {
        return SurrealSource.<SurrealChange>builder()
                .setConnectionConfig(ENGINE.config().build())
                .setTables(TABLE)
                .setStartingMode(StartingMode.CHANGES_FROM_NOW)
                .setDeserializer(SurrealRecordDeserializer.changes())
                .build()
                .config();
    }

    /** A held-back change is fetched again as soon as it settles, not a whole poll interval later. */
    @Test
    void aHeldBackChangeIsFetchedAgainWhenItSettles() throws Exception {
        SourceTestData.defineChangeFeed(ENGINE.client(), "settles", "1h");
        SurrealSourceConfig config = SurrealSource.<SurrealChange>builder()
                .setConnectionConfig(ENGINE.config().build())
                .setTables("settles")
                .setStartingMode(StartingMode.CHANGES_FROM_NOW)
                .setPollInterval(Duration.ofSeconds(5))
                // a second behind: the change stays held back for about 1.25 s after its commit
                .setClock(() -> System.currentTimeMillis() - 1_000)
                .setDeserializer(SurrealRecordDeserializer.changes())
                .build()
                .config();
        ChangeFeed feed = new ChangeFeed(ENGINE.client(), List.of());
        feed.defineHeartbeatTable(config.heartbeatTable(), Duration.ofHours(1));
        long start = feed.watermark(config.heartbeatTable(), "settles", 100, Duration.ofSeconds(10)) + 1;
        StreamReader reader = new StreamReader(feed, config, "settles", new StreamSplit(start, 0, List.of()));
        ENGINE.client().query("CREATE $id SET n = 1", Map.of("id", SurrealRecordId.of("settles", "soon")));

        long committedAt = System.currentTimeMillis();
        StreamReader.Batch held = reader.fetch();
        long fetchedAfter = System.currentTimeMillis() - committedAt;
        assertThat(held.records).as("fetched %d ms after the commit", fetchedAfter).isEmpty();
        assertThat(held.caughtUp).isTrue();
        long holdBack = config.lateCommitHoldBack().toMillis() + 1_000;
        assertThat(held.nextFetchIn.toMillis())
                .as("the wait for a change held back %d ms, fetched %d ms after its commit", holdBack, fetchedAfter)
                .isPositive()
                .isLessThanOrEqualTo(holdBack + 1);
    }

    /** A change younger than the hold-back waits, by the source's clock; once older it is read, once. */
    @Test
    void aChangeYoungerThanTheHoldBackWaits() throws Exception {
        SourceTestData.defineChangeFeed(ENGINE.client(), "held", "1h");
        AtomicLong shift = new AtomicLong(-60_000);
        SurrealSourceConfig config = SurrealSource.<SurrealChange>builder()
                .setConnectionConfig(ENGINE.config().build())
                .setTables("held")
                .setStartingMode(StartingMode.CHANGES_FROM_NOW)
                .setClock(() -> System.currentTimeMillis() + shift.get())
                .setDeserializer(SurrealRecordDeserializer.changes())
                .build()
                .config();
        ChangeFeed feed = new ChangeFeed(ENGINE.client(), List.of());
        feed.defineHeartbeatTable(config.heartbeatTable(), Duration.ofHours(1));
        long start = feed.watermark(config.heartbeatTable(), "held", 100, Duration.ofSeconds(10)) + 1;
        StreamReader reader = new StreamReader(feed, config, "held", new StreamSplit(start, 0, List.of()));
        SurrealRecordId id = SurrealRecordId.of("held", "young");
        ENGINE.client().query("CREATE $id SET n = 1", Map.of("id", id));

        StreamReader.Batch held = reader.fetch();
        assertThat(held.records).as("a change a minute younger than the clock").isEmpty();
        assertThat(held.caughtUp).isTrue();
        assertThat(held.position).isEqualTo(start);
        assertThat(held.nextFetchIn).as("a change that settles in a minute waits a poll interval").isEqualTo(config.pollInterval());

        shift.set(0);
        List<SurrealRecordId> read = new ArrayList<>();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (read.isEmpty() && System.nanoTime() < deadline) {
            reader.fetch().records.forEach(r -> read.add(r.change.id()));
            Thread.sleep(50);
        }
        for (int i = 0; i < 3; i++) {
            reader.fetch().records.forEach(r -> read.add(r.change.id()));
        }
        assertThat(read).containsExactly(id);
    }

    @Test
    void everyChangeOfConcurrentWritersIsReadOnce() throws Exception {
        SourceTestData.defineChangeFeed(ENGINE.client(), TABLE, "1h");
        SurrealSourceConfig config = config();
        ChangeFeed feed = new ChangeFeed(ENGINE.client(), List.of());
        feed.defineHeartbeatTable(config.heartbeatTable(), Duration.ofHours(1));
        long start = feed.watermark(config.heartbeatTable(), "test", 100, Duration.ofSeconds(10)) + 1;
        StreamReader reader = new StreamReader(feed, config, "test", new StreamSplit(start, 0, List.of()));

        Set<String> committed = ConcurrentHashMap.newKeySet();
        // when each write's reply arrived: its commit was visible by then
        Map<String, Long> repliedAt = new ConcurrentHashMap<>();
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
                    repliedAt.put(key, System.currentTimeMillis());
                    committed.add(key);
                }
                return null;
            }));
        }

        Map<String, Integer> reads = new HashMap<>();
        // for each change read: the largest versionstamp read before it
        Map<String, Long> readAt = new HashMap<>();
        long highest = -1;
        long lastReadAt = System.nanoTime();
        long deadline = System.nanoTime() + WRITING.plus(WAIT).toNanos();
        while (System.nanoTime() < deadline) {
            boolean writing = running.stream().anyMatch(f -> !f.isDone());
            if (!writing && reads.size() >= committed.size()) {
                break;
            }
            StreamReader.Batch batch = reader.fetch();
            for (ReadRecord record : batch.records) {
                if (!record.change.table().equals(TABLE)) {
                    continue;
                }
                String key = String.valueOf(record.change.id().key());
                reads.merge(key, 1, Integer::sum);
                readAt.put(key, highest);
                highest = Math.max(highest, record.change.versionstamp());
                lastReadAt = System.nanoTime();
            }
            if (!writing && System.nanoTime() - lastReadAt > TimeUnit.SECONDS.toNanos(5)) {
                break;
            }
            if (batch.caughtUp) {
                Thread.sleep(5);
            }
        }
        writers.shutdown();
        for (Future<?> f : running) {
            f.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        }

        Map<String, Long> versionstamps = new HashMap<>();
        feed.visit(start, Long.MAX_VALUE >>> 1, 1000, (vs, change) -> {
            if (TABLE.equals(change.table())) {
                versionstamps.put(String.valueOf(change.id().key()), vs);
            }
        });
        TreeMap<Long, String> missing = new TreeMap<>();
        for (String key : committed) {
            if (!reads.containsKey(key)) {
                missing.put(versionstamps.getOrDefault(key, -1L), key);
            }
        }
        List<String> twice = new ArrayList<>();
        reads.forEach((key, n) -> {
            if (n > 1) {
                twice.add(key);
            }
        });
        System.out.printf("%d writers, %s: committed %d, read %d, missing %d, read twice %d%n",
                WRITERS, WRITING, committed.size(), reads.size(), missing.size(), twice.size());
        missing.forEach((vs, key) -> System.out.printf("  missing %s at versionstamp %d (%s)%n",
                key, vs, Versionstamps.instantOf(vs)));
        List<Long> visibleAfter = new ArrayList<>();
        repliedAt.forEach((key, at) -> {
            if (versionstamps.containsKey(key)) {
                visibleAfter.add(at - Versionstamps.millisOf(versionstamps.get(key)));
            }
        });
        visibleAfter.sort(null);
        if (!visibleAfter.isEmpty()) {
            int n = visibleAfter.size();
            System.out.printf("reply after versionstamp (ms): median %d, p99 %d, p99.9 %d, max %d%n",
                    visibleAfter.get(n / 2), visibleAfter.get(n * 99 / 100), visibleAfter.get(n * 999 / 1000), visibleAfter.get(n - 1));
        }
        for (Map.Entry<String, Long> e : readAt.entrySet()) {
            long vs = versionstamps.getOrDefault(e.getKey(), -1L);
            if (e.getValue() > vs) {
                System.out.printf("  read late: %s at %d, after %d (%d ms later)%n", e.getKey(), vs, e.getValue(),
                        Versionstamps.millisOf(e.getValue()) - Versionstamps.millisOf(vs));
            }
        }
        assertThat(missing).as("committed changes never read").isEmpty();
        assertThat(twice).as("changes read twice").isEmpty();
        assertThat(reads.keySet()).isEqualTo(committed);
    }
}
