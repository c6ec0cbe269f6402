package io.cortexsync.connector.surrealdb.source.reader;

import io.cortexsync.connector.surrealdb.client.SurrealRecordId;
import io.cortexsync.connector.surrealdb.client.SurrealTestEngine;
import io.cortexsync.connector.surrealdb.source.SourceTestData;
import io.cortexsync.connector.surrealdb.source.StartingMode;
import io.cortexsync.connector.surrealdb.source.SurrealRecordDeserializer;
import io.cortexsync.connector.surrealdb.source.SurrealSource;
import io.cortexsync.connector.surrealdb.source.SurrealSourceConfig;
import io.cortexsync.connector.surrealdb.source.changes.ChangeFeed;
import io.cortexsync.connector.surrealdb.source.record.SurrealChange;
import io.cortexsync.connector.surrealdb.source.split.KeyRange;
import io.cortexsync.connector.surrealdb.source.split.SnapshotSplit;
import io.cortexsync.connector.surrealdb.source.split.StreamSplit;
import io.cortexsync.connector.surrealdb.source.split.SurrealSplit;

import org.apache.flink.connector.base.source.reader.RecordsWithSplitIds;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsAddition;
import org.apache.flink.metrics.SimpleCounter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The split reader on its own: a chunk in one fetch, and a waiting stream fetch that wakeUp() ends. */
@Timeout(120)
class SurrealSplitReaderITCase {

    @RegisterExtension
    static final SurrealTestEngine ENGINE = SurrealTestEngine.start("split-reader", "split_reader_it");

    @BeforeAll
    static void load() {
        SourceTestData.defineChangeFeed(ENGINE.client(), "rt", "1h");
        SourceTestData.writeRecords(ENGINE.client(), "rt", 120, 1);
    }

    private static SurrealSourceConfig config(StartingMode mode) {
        return SurrealSource.<SurrealChange>builder()
                .setConnectionConfig(ENGINE.config().build())
                .setTables("rt")
                .setStartingMode(mode)
                .setPollInterval(Duration.ofMinutes(1))
                // the stream test reads a change right after writing it: nothing is held back for writers still committing
                .setLateCommitHoldBack(Duration.ZERO)
                .setVectorFields("v")
                .setDeserializer(SurrealRecordDeserializer.changes())
                .build()
                .config();
    }

    @Test
    void aChunkIsOneFetchInKeyOrderAndItsBytesAreCounted() {
        SimpleCounter bytes = new SimpleCounter();
        SurrealSplitReader reader = new SurrealSplitReader(config(StartingMode.SNAPSHOT_ONLY), "hb", new ReaderShared(), bytes);
        try {
            SnapshotSplit all = new SnapshotSplit("rt", 0, KeyRange.all());
            reader.handleSplitsChanges(new SplitsAddition<>(List.<SurrealSplit>of(all)));
            RecordsWithSplitIds<ReadRecord> fetch = reader.fetch();
            assertThat(fetch.nextSplit()).isEqualTo(all.splitId());
            List<SurrealChange> read = new ArrayList<>();
            for (ReadRecord r = fetch.nextRecordFromSplit(); r != null; r = fetch.nextRecordFromSplit()) {
                read.add(r.change);
            }
            assertThat(read).hasSize(120);
            assertThat(fetch.finishedSplits()).containsExactly(all.splitId());
            assertThat(bytes.getCount()).isGreaterThan(120L * 8 * 4);
        } finally {
            reader.close();
        }
    }

    @Test
    void aCaughtUpStreamWaitsForThePollIntervalUnlessWokenUp() throws Exception {
        SurrealSourceConfig config = config(StartingMode.CHANGES_FROM_NOW);
        ChangeFeed feed = new ChangeFeed(ENGINE.client(), List.of());
        feed.defineHeartbeatTable(config.heartbeatTable(), Duration.ofHours(1));
        long now = feed.watermark(config.heartbeatTable(), "test", 100, Duration.ofSeconds(10));
        SurrealSplitReader reader = new SurrealSplitReader(config, "hb", new ReaderShared(), new SimpleCounter());
        try {
            reader.handleSplitsChanges(new SplitsAddition<>(List.<SurrealSplit>of(new StreamSplit(now + 1, 0, List.of()))));
            ENGINE.client().query("CREATE $id SET n = 1", Map.of("id", SurrealRecordId.of("rt", "streamed")));
            RecordsWithSplitIds<ReadRecord> first = reader.fetch();
            assertThat(first.nextSplit()).isEqualTo(StreamSplit.SPLIT_ID);
            assertThat(first.nextRecordFromSplit().change.id()).isEqualTo(SurrealRecordId.of("rt", "streamed"));
            first.recycle();

            long started = System.nanoTime();
            CompletableFuture<RecordsWithSplitIds<ReadRecord>> waiting = CompletableFuture.supplyAsync(reader::fetch);
            Thread.sleep(300); // gives the fetch time to start waiting; the assertion below does not depend on it
            assertThat(waiting).isNotDone();
            reader.wakeUp();
            waiting.get(10, TimeUnit.SECONDS);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
        } finally {
            reader.close();
        }
    }
}
