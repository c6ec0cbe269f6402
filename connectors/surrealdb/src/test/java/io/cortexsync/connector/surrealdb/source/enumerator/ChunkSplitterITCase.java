package io.cortexsync.connector.surrealdb.source.enumerator;

import io.cortexsync.connector.surrealdb.client.QueryOptions;
import io.cortexsync.connector.surrealdb.client.Statement;
import io.cortexsync.connector.surrealdb.client.SurrealRecordId;
import io.cortexsync.connector.surrealdb.client.SurrealTestEngine;
import io.cortexsync.connector.surrealdb.source.SourceTestData;
import io.cortexsync.connector.surrealdb.source.split.SnapshotSplit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The splitter against the real engine: for every kind and distribution of keys the chunks hold
 * every record exactly once, about a chunk size each, found with a handful of requests; and the
 * positional key lookup it falls back on stays cheap.
 */
@Timeout(300)
class ChunkSplitterITCase {

    /** A handful: one request per level of cutting, plus the first. */
    private static final int MAX_REQUESTS = 12;

    @RegisterExtension
    static final SurrealTestEngine ENGINE = SurrealTestEngine.start("splitter", "splitter_it");

    @Test
    void chunksOfHostileKeysCoverEveryRecordExactlyOnce() {
        Map<SurrealRecordId, Map<String, Object>> written = SourceTestData.writeRecords(ENGINE.client(), "hostile", 2_000, 1);
        assertPartition("hostile", written.keySet().stream().map(SurrealRecordId::key).collect(Collectors.toList()), 150);
    }

    @Test
    void denseIntegersWithOutliersAtBothExtremes() {
        List<Object> keys = new ArrayList<>();
        for (long i = 0; i < 5_000; i++) {
            keys.add(i);
        }
        keys.addAll(List.of(Long.MIN_VALUE, Long.MIN_VALUE + 1, -1L, Long.MAX_VALUE - 1, Long.MAX_VALUE));
        assertPartition("ints_dense", keys, 100);
    }

    @Test
    void integersSpreadOverTheWholeRange() {
        Random random = new Random(3);
        List<Object> keys = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            keys.add(random.nextLong());
        }
        assertPartition("ints_sparse", keys, 100);
    }

    @Test
    void numberedStringKeys() {
        List<Object> keys = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            keys.add(String.format("e%07d", i));
        }
        // cut at the digits the keys use, never by position: that costs time in proportion to the table
        assertThat(assertPartition("strings", keys, 100).positionLookups()).isEqualTo(2);
    }

    /** Most keys share a 300-character prefix that the first and last keys of the table do not. */
    @Test
    void stringKeysSharingALongPrefix() {
        String prefix = "b" + "x; DELETE code ⟩".repeat(20);
        List<Object> keys = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            keys.add("a" + i);
        }
        for (int i = 0; i < 4_000; i++) {
            keys.add(prefix + Integer.toString(i, 36));
        }
        for (int i = 0; i < 100; i++) {
            keys.add("c" + i);
        }
        assertPartition("strings_prefix", keys, 100);
    }

    @Test
    void nonAsciiStringKeys() {
        Random random = new Random(5);
        List<Object> keys = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            // CJK, Hangul and emoji (surrogate pairs in Java), and the odd Latin-1 letter
            int script = i % 4;
            int c = script == 0 ? 0x4E00 + random.nextInt(0x5000)
                    : script == 1 ? 0xAC00 + random.nextInt(0x2BA4)
                    : script == 2 ? 0x1F300 + random.nextInt(0x300) : 0xC0 + random.nextInt(0x40);
            keys.add(new StringBuilder().appendCodePoint(c).append(i).toString());
        }
        assertPartition("strings_unicode", keys, 100);
    }

    @Test
    void uuidKeysRandomAndSequential() {
        Random random = new Random(7);
        List<Object> keys = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            keys.add(new UUID(random.nextLong(), random.nextLong()));
        }
        for (int i = 0; i < 1_500; i++) {
            keys.add(new UUID(0L, i));
        }
        assertPartition("uuids", keys, 100);
    }

    /** Every kind of key in one table, arrays and objects more than a chunk's worth. */
    @Test
    void mixedKeysIncludingArraysAndObjects() {
        List<Object> keys = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            keys.add(SourceTestData.hostileKey(i));
        }
        for (long i = 0; i < 250; i++) {
            keys.add(List.of(i, "x; DELETE code"));
        }
        for (long i = 0; i < 120; i++) {
            keys.add(Map.of("a", i, "b⟩", "c"));
        }
        assertPartition("mixed", keys, 50);
    }

    /**
     * Writes the keys, cuts the table, then reads every chunk: each record is in exactly one
     * chunk, and the chunks are as many and about as large as {@code chunkSize} asks.
     */
    private static ChunkSplitter.Result assertPartition(String table, List<Object> keys, int chunkSize) {
        if (!table.equals("hostile")) {
            write(table, keys);
        }
        long start = System.nanoTime();
        ChunkSplitter.Result result = new ChunkSplitter(chunkSize).cut(ENGINE.client(), table);
        long micros = (System.nanoTime() - start) / 1000;
        List<SnapshotSplit> splits = result.chunks();

        Set<SurrealRecordId> seen = new HashSet<>();
        List<Integer> sizes = new ArrayList<>();
        for (SnapshotSplit split : splits) {
            List<Object> ids = ENGINE.client().query("SELECT VALUE id FROM $r", Map.of("r", split.remainingRangeId()),
                    QueryOptions.DEFAULTS).get(0).resultList();
            sizes.add(ids.size());
            for (Object id : ids) {
                assertThat(seen.add((SurrealRecordId) id)).as("%s read twice", id).isTrue();
                assertThat(split.range().contains(((SurrealRecordId) id).key()))
                        .as("engine and key order agree that %s is in %s", id, split).isTrue();
            }
        }
        System.out.printf("%s: %d records, %d chunks (sizes %d..%d) in %d requests, %d position lookups, %d ms%n",
                table, keys.size(), splits.size(), sizes.stream().mapToInt(Integer::intValue).min().orElse(0),
                sizes.stream().mapToInt(Integer::intValue).max().orElse(0), result.requests(),
                result.positionLookups(), micros / 1000);
        assertThat(seen).hasSize(keys.size());
        assertThat(result.records()).isEqualTo(keys.size());
        // as many chunks as the old key-position splitter made, each within half a chunk size of its share
        int chunks = (keys.size() + chunkSize - 1) / chunkSize;
        assertThat(splits).hasSize(chunks);
        double share = (double) keys.size() / chunks;
        assertThat(sizes).allMatch(size -> Math.abs(size - share) <= chunkSize / 2.0, "within half a chunk of " + share);
        assertThat(result.requests()).isLessThanOrEqualTo(MAX_REQUESTS);
        return result;
    }

    private static void write(String table, List<Object> keys) {
        List<Statement> inserts = new ArrayList<>();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            rows.add(Map.of("id", SurrealRecordId.ofKey(table, keys.get(i)), "n", (long) i));
            if (rows.size() == 500 || i == keys.size() - 1) {
                inserts.add(Statement.builder().sql("INSERT ").bind(rows).sql(" RETURN NONE").build());
                rows = new ArrayList<>();
            }
        }
        ENGINE.client().queryBatch(inserts, QueryOptions.DEFAULTS.withIdempotent(true));
        long count = ((Number) ENGINE.client().query("SELECT count() FROM type::table($tb) GROUP ALL", Map.of("tb", table))
                .get(0).records().get(0).get("count")).longValue();
        assertThat(count).as("distinct keys written").isEqualTo(keys.size());
    }

    @Test
    void emptyTableIsOneOpenChunk() {
        ENGINE.client().query("DEFINE TABLE IF NOT EXISTS empty_t SCHEMALESS", Map.of());
        assertThat(new ChunkSplitter(10).split(ENGINE.client(), "empty_t")).hasSize(1);
    }

    /**
     * Keys are looked up by position with {@code START} over {@code type::table($tb)} (the ends of
     * a skewed piece, array and object boundaries): it must skip keys as cheaply as the literal
     * table name does (a range or a filter would read every record).
     */
    @Test
    void boundTableNameKeepsTheCheapKeySkip() {
        long writeStart = System.nanoTime();
        SourceTestData.writeRecords(ENGINE.client(), "skip", 20_000, 2);
        System.out.printf("wrote 20,000 records in %d ms%n", (System.nanoTime() - writeStart) / 1_000_000);
        long literal = bestOf(() -> ENGINE.client().query("SELECT VALUE id FROM skip START 19990 LIMIT 1", Map.of()));
        long bound = bestOf(() -> ENGINE.client().query(
                "SELECT VALUE id FROM type::table($tb) START 19990 LIMIT 1", Map.of("tb", "skip")));
        long fullRead = bestOf(() -> ENGINE.client().query("SELECT * FROM type::table($tb)", Map.of("tb", "skip")));
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
