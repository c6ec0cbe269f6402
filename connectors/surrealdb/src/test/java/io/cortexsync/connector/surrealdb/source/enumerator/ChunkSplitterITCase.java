package io.cortexsync.connector.surrealdb.source.enumerator;

import io.cortexsync.connector.surrealdb.client.QueryOptions;
import io.cortexsync.connector.surrealdb.client.SurrealClient;
import io.cortexsync.connector.surrealdb.client.SurrealRecordId;
import io.cortexsync.connector.surrealdb.source.SourceTestData;
import io.cortexsync.connector.surrealdb.source.split.SnapshotSplit;
import io.cortexsync.testkit.surrealdb.SurrealEndpoint;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The splitter against the real engine: chunks cover every key once, and the key skip stays cheap. */
@Timeout(300)
class ChunkSplitterITCase {

    private static SurrealEndpoint engine;
    private static SurrealClient client;

    @BeforeAll
    static void start() {
        engine = SourceTestData.startEngine("splitter");
        client = SurrealClient.create(SourceTestData.connection(engine, "splitter_it"));
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void chunksOfHostileKeysCoverEveryRecordExactlyOnce() {
        Map<SurrealRecordId, Map<String, Object>> written = SourceTestData.writeRecords(client, "hostile", 2_000, 1);
        List<SnapshotSplit> splits = new ChunkSplitter(150).split(client, "hostile");
        assertThat(splits).hasSize(14);

        Set<SurrealRecordId> seen = new HashSet<>();
        for (SnapshotSplit split : splits) {
            List<Object> ids = client.query("SELECT VALUE id FROM $r", Map.of("r", split.remainingRangeId()),
                    QueryOptions.DEFAULTS).get(0).resultList();
            assertThat(ids.size()).as("records in %s", split).isBetween(1, 300);
            for (Object id : ids) {
                assertThat(seen.add((SurrealRecordId) id)).as("%s read twice", id).isTrue();
                assertThat(split.range().contains(((SurrealRecordId) id).key())).isTrue();
            }
        }
        assertThat(seen).isEqualTo(written.keySet());
    }

    @Test
    void emptyTableIsOneOpenChunk() {
        client.query("DEFINE TABLE IF NOT EXISTS empty_t SCHEMALESS", Map.of());
        assertThat(new ChunkSplitter(10).split(client, "empty_t")).hasSize(1);
    }

    /**
     * The boundaries are found with {@code START} over {@code type::table($tb)}: it must skip keys
     * as cheaply as the literal table name does (a range or a filter would read every record).
     */
    @Test
    void boundTableNameKeepsTheCheapKeySkip() {
        long writeStart = System.nanoTime();
        SourceTestData.writeRecords(client, "skip", 20_000, 2);
        System.out.printf("wrote 20,000 records in %d ms%n", (System.nanoTime() - writeStart) / 1_000_000);
        long literal = bestOf(() -> client.query("SELECT VALUE id FROM skip START 19990 LIMIT 1", Map.of()));
        long bound = bestOf(() -> client.query(
                "SELECT VALUE id FROM type::table($tb) START 19990 LIMIT 1", Map.of("tb", "skip")));
        long fullRead = bestOf(() -> client.query("SELECT * FROM type::table($tb)", Map.of("tb", "skip")));
        System.out.printf("START 19990: literal %d µs, type::table %d µs; full read %d µs%n", literal, bound, fullRead);
        assertThat(bound).as("bound %d µs vs literal %d µs, full read %d µs", bound, literal, fullRead)
                .isLessThan(Math.max(3 * literal, literal + 30_000))
                .isLessThan(fullRead / 3);
    }

    private static long bestOf(Runnable query) {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            long start = System.nanoTime();
            query.run();
            best = Math.min(best, (System.nanoTime() - start) / 1000);
        }
        return best;
    }
}
