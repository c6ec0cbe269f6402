package io.cortexsync.connector.surrealdb.source.reader;

import io.cortexsync.connector.surrealdb.client.Statement;
import io.cortexsync.connector.surrealdb.client.SurrealRecordId;
import io.cortexsync.connector.surrealdb.client.SurrealTestEngine;
import io.cortexsync.connector.surrealdb.source.SourceTestData;
import io.cortexsync.connector.surrealdb.source.StartingMode;
import io.cortexsync.connector.surrealdb.source.SurrealRecordDeserializer;
import io.cortexsync.connector.surrealdb.source.SurrealSource;
import io.cortexsync.connector.surrealdb.source.SurrealSourceConfig;
import io.cortexsync.connector.surrealdb.source.changes.ChangeFeed;
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

import static org.assertj.core.api.Assertions.assertThat;

/** The stream's pages aim at a few hundred changes: shorter for large transactions, and every change read once. */
@Timeout(120)
class StreamReaderPagingITCase {

    @RegisterExtension
    static final SurrealTestEngine ENGINE = SurrealTestEngine.start("stream-paging", "stream_paging_it");

    @Test
    void pagesOfLargeTransactionsAskForFewerEntries() throws Exception {
        Map<String, Integer> read = follow("large", 20, 100);
        assertThat(read).hasSize(4_000).allSatisfy((id, times) -> assertThat(times).as(id).isEqualTo(1));
    }

    @Test
    void singleChangeTransactionsKeepTheConfiguredPageSize() throws Exception {
        Map<String, Integer> read = follow("single", 150, 1);
        assertThat(read).hasSize(300).allSatisfy((id, times) -> assertThat(times).as(id).isEqualTo(1));
    }

    /**
     * Twice: commits {@code transactions} of {@code size} creates each, then reads them all, the
     * second time in pages of the limit the first set. Checks the limit.
     */
    private static Map<String, Integer> follow(String table, int transactions, int size) throws Exception {
        SourceTestData.defineChangeFeed(ENGINE.client(), table, "1h");
        SurrealSourceConfig config = SurrealSource.<SurrealChange>builder()
                .setConnectionConfig(ENGINE.config().build())
                .setTables(table)
                .setStartingMode(StartingMode.CHANGES_FROM_NOW)
                .setLateCommitHoldBack(Duration.ZERO)
                .setDeserializer(SurrealRecordDeserializer.changes())
                .build()
                .config();
        ChangeFeed feed = new ChangeFeed(ENGINE.client(), List.of());
        feed.defineHeartbeatTable(config.heartbeatTable(), Duration.ofHours(1));
        long start = feed.watermark(config.heartbeatTable(), table, 100, Duration.ofSeconds(10)) + 1;
        StreamReader reader = new StreamReader(feed, config, table, new StreamSplit(start, 0, List.of()));
        Map<String, Integer> read = new HashMap<>();
        List<Integer> limits = new ArrayList<>();
        for (int round = 0; round < 2; round++) {
            for (int t = 0; t < transactions; t++) {
                List<Statement> creates = new ArrayList<>(size);
                for (int i = 0; i < size; i++) {
                    creates.add(Statement.builder().sql("CREATE ").bind(SurrealRecordId.of(table, round + "-" + t + "-" + i))
                            .sql(" SET n = 1 RETURN NONE").build());
                }
                ENGINE.client().queryBatch(creates);
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (read.size() < (round + 1) * transactions * size && System.nanoTime() < deadline) {
                reader.fetch().records.forEach(r -> read.merge(String.valueOf(r.change.id().key()), 1, Integer::sum));
                limits.add(reader.limit());
            }
        }
        // one more page: nothing is read twice
        reader.fetch().records.forEach(r -> read.merge(String.valueOf(r.change.id().key()), 1, Integer::sum));
        int expected = size == 1
                ? config.changePageSize()
                : Math.max(1, StreamReader.CHANGES_PER_PAGE / size);
        System.out.printf("%d transactions of %d changes: limits %s%n", transactions, size, limits);
        assertThat(limits).as("entries asked for after each page").isNotEmpty().containsOnly(expected);
        return read;
    }
}
