package io.cortexsync.connector.surrealdb.source.enumerator;

import io.cortexsync.connector.surrealdb.client.QueryOptions;
import io.cortexsync.connector.surrealdb.client.StatementResult;
import io.cortexsync.connector.surrealdb.client.SurrealClient;
import io.cortexsync.connector.surrealdb.client.SurrealRange.Bound;
import io.cortexsync.connector.surrealdb.client.SurrealRecordId;
import io.cortexsync.connector.surrealdb.source.split.KeyRange;
import io.cortexsync.connector.surrealdb.source.split.SnapshotSplit;
import io.cortexsync.connector.surrealdb.source.split.SurrealKeyOrder;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Cuts a table into chunks of about {@code chunkSize} records.
 *
 * <p>The boundaries are the keys at positions K, 2K, ... of the table, found with {@code SELECT
 * VALUE id FROM type::table($tb) START k LIMIT 1}: a whole-table {@code START} skips keys without
 * reading records (about 1 µs per key), which no range query does. All statements go in one
 * request. Their cost grows with N²/K, so K is raised for very large tables to keep it near
 * 2,000 chunks. The first and last chunks are open-ended, so keys written later and keys of every
 * type are covered.
 */
public final class ChunkSplitter {

    /** The most chunks a table is cut into; beyond, chunks grow. */
    static final int MAX_CHUNKS_PER_TABLE = 2000;

    private static final QueryOptions READ = QueryOptions.DEFAULTS.withIdempotent(true);

    private final int chunkSize;

    public ChunkSplitter(int chunkSize) {
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunk size must be positive: " + chunkSize);
        }
        this.chunkSize = chunkSize;
    }

    /** The chunks of {@code table} as it is now. */
    public List<SnapshotSplit> split(SurrealClient client, String table) {
        long count = count(client, table);
        int step = effectiveChunkSize(count, chunkSize);
        int boundaries = (int) Math.max(0, (count + step - 1) / step - 1);
        if (boundaries == 0) {
            return splitsFor(table, List.of());
        }
        StringBuilder sql = new StringBuilder();
        for (int i = 1; i <= boundaries; i++) {
            // START is a number this method computed, never data
            sql.append("SELECT VALUE id FROM type::table($tb) START ").append((long) i * step).append(" LIMIT 1;\n");
        }
        List<StatementResult> results = client.query(sql.toString(), Map.of("tb", table), READ);
        List<Object> keys = new ArrayList<>(boundaries);
        for (StatementResult result : results) {
            for (Object id : result.resultList()) {
                keys.add(((SurrealRecordId) id).key());
            }
        }
        return splitsFor(table, keys);
    }

    static long count(SurrealClient client, String table) {
        List<Map<String, Object>> rows =
                client.query("SELECT count() FROM type::table($tb) GROUP ALL", Map.of("tb", table), READ)
                        .get(0)
                        .records();
        return rows.isEmpty() ? 0L : ((Number) rows.get(0).get("count")).longValue();
    }

    /** The chunk size used for {@code count} records: at least {@code count / MAX_CHUNKS_PER_TABLE}. */
    static int effectiveChunkSize(long count, int chunkSize) {
        long least = (count + MAX_CHUNKS_PER_TABLE - 1) / MAX_CHUNKS_PER_TABLE;
        return (int) Math.min(Integer.MAX_VALUE, Math.max(chunkSize, least));
    }

    /**
     * The chunks {@code [-, b1)}, {@code [b1, b2)}, ..., {@code [bn, -]} for the given boundary
     * keys, which are sorted and deduplicated first (records deleted while the boundaries were
     * read can shift or repeat them).
     */
    public static List<SnapshotSplit> splitsFor(String table, List<Object> boundaryKeys) {
        TreeSet<Object> sorted = new TreeSet<>(SurrealKeyOrder.INSTANCE);
        sorted.addAll(boundaryKeys);
        List<SnapshotSplit> splits = new ArrayList<>(sorted.size() + 1);
        Bound lower = Bound.unbounded();
        int index = 0;
        for (Object key : sorted) {
            splits.add(new SnapshotSplit(table, index++, new KeyRange(lower, Bound.exclusive(key))));
            lower = Bound.inclusive(key);
        }
        splits.add(new SnapshotSplit(table, index, new KeyRange(lower, Bound.unbounded())));
        return splits;
    }
}
