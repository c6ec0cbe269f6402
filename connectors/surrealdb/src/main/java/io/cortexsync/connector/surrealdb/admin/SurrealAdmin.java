package io.cortexsync.connector.surrealdb.admin;

import io.cortexsync.connector.surrealdb.SurrealOptions;
import io.cortexsync.connector.surrealdb.client.QueryOptions;
import io.cortexsync.connector.surrealdb.client.Statement;
import io.cortexsync.connector.surrealdb.client.SurrealClient;
import io.cortexsync.connector.surrealdb.client.SurrealRange;
import io.cortexsync.connector.surrealdb.client.SurrealRecordId;
import io.cortexsync.connector.surrealdb.source.changes.ChangeFeed;
import io.cortexsync.connector.surrealdb.source.changes.Versionstamps;
import io.cortexsync.connector.surrealdb.source.enumerator.ChunkSplitter;
import io.cortexsync.connector.surrealdb.source.split.SnapshotSplit;

import org.apache.flink.annotation.PublicEvolving;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What a job asks of a SurrealDB database before or after it runs: its tables, how many records a
 * table holds, the length of its vectors, its change feed, key ranges to read it in and the records
 * in one; and, for demos and tests, a fresh table and records inserted into it. Every value is
 * bound as a query variable; the caller's client stays open.
 */
@PublicEvolving
public final class SurrealAdmin {

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private static final QueryOptions READ = QueryOptions.DEFAULTS.withIdempotent(true);

    /** The heartbeat record of {@link #currentVersionstamp}: apart from the source's own. */
    private static final String ADMIN_HEARTBEAT_KEY = "admin";

    private final SurrealClient client;

    public SurrealAdmin(SurrealClient client) {
        this.client = client;
    }

    /** The tables of the database, sorted; fails when the answer to {@code INFO FOR DB} holds none. */
    public List<String> tables() {
        TreeSet<String> tables = new TreeSet<>();
        tableDefinitions().keySet().forEach(table -> tables.add(String.valueOf(table)));
        return List.copyOf(tables);
    }

    /**
     * The records of {@code table}, counted over its whole record range: the engine then walks
     * keys only, while {@code FROM type::table($tb)} reads every record (100k records of 768
     * floats: 0.05 s against 12 s). A table that does not exist fails with the engine's
     * {@code SurrealStatementException}; {@link #tables()} tells it beforehand.
     */
    public long count(String table) {
        SurrealRange everyKey = new SurrealRange(SurrealRange.Bound.unbounded(), SurrealRange.Bound.unbounded());
        List<Map<String, Object>> rows = client.query("SELECT count() FROM $records GROUP ALL",
                Map.of("records", SurrealRecordId.range(table, everyKey)), READ).get(0).records();
        return rows.isEmpty() ? 0L : ((Number) rows.get(0).get("count")).longValue();
    }

    /**
     * The most common length among the vectors in {@code vectorField} of the first {@code sample}
     * records of {@code table} (so one broken record among them does not decide it); empty when
     * none of them has a vector there.
     */
    public Optional<Integer> commonVectorLength(String table, String vectorField, int sample) {
        if (sample < 1) {
            throw new IllegalArgumentException("sample must be positive: " + sample);
        }
        QueryOptions vectors = READ.withFloatArrayFields(vectorField);
        List<Map<String, Object>> rows = client.query("SELECT * FROM type::table($tb) LIMIT $n",
                Map.of("tb", table, "n", sample), vectors).get(0).records();
        Map<Integer, Integer> lengths = new HashMap<>();
        for (Map<String, Object> row : rows) {
            Object vector = row.get(vectorField);
            if (vector instanceof float[] && ((float[]) vector).length > 0) {
                lengths.merge(((float[]) vector).length, 1, Integer::sum);
            }
        }
        return lengths.entrySet().stream()
                .max(Map.Entry.<Integer, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey);
    }

    /** The retention of {@code table}'s change feed; empty when the table has none. */
    public Optional<Duration> changeFeedRetention(String table) {
        return Optional.ofNullable(new ChangeFeed(client, List.of()).retentions().get(table));
    }

    /**
     * Where the change feed stands now: the first versionstamp after every transaction committed
     * before this call, so that a job started at {@code versionstamp:N} with this N reads every
     * change committed after it and none before. Found as the source finds its start for {@code
     * CHANGES_FROM_NOW}: a heartbeat written to the source's default heartbeat table (created
     * with a change feed if missing) and looked up in the feed, within {@code timeout}.
     */
    public long currentVersionstamp(Duration timeout) {
        String heartbeatTable = SurrealOptions.SOURCE_HEARTBEAT_TABLE.defaultValue();
        ChangeFeed feed = new ChangeFeed(client, List.of());
        feed.defineHeartbeatTable(heartbeatTable, Duration.ofHours(1));
        return feed.watermark(heartbeatTable, ADMIN_HEARTBEAT_KEY, ChangeFeed.MAX_PAGE_SIZE, timeout) + 1;
    }

    /**
     * When a change feed versionstamp was committed, where it tells: SurrealDB 3.x versionstamps
     * carry their commit millisecond, 2.x ones count commits (empty).
     */
    public static Optional<Instant> versionstampTime(long versionstamp) {
        return Versionstamps.timeOf(versionstamp);
    }

    /**
     * Record ranges of about {@code recordsPerRange} records each that together cover every key
     * {@code table} can hold, in key order, each a range record id to bind as
     * {@code SELECT * FROM $range}: the cuts of the SurrealSource's snapshot, found from key-only
     * counts, so reading the table range by range reads every record once.
     */
    public List<SurrealRecordId> keyRanges(String table, int recordsPerRange) {
        List<SnapshotSplit> chunks = new ChunkSplitter(recordsPerRange).split(client, table);
        List<SurrealRecordId> ranges = new ArrayList<>(chunks.size());
        for (SnapshotSplit chunk : chunks) {
            ranges.add(SurrealRecordId.range(table, chunk.range().toSurrealRange()));
        }
        return ranges;
    }

    /**
     * The records in {@code range} (a range record id of {@link #keyRanges}, or one record's id), with
     * {@code vectorField} read as a float array: one bound range, read once.
     */
    public List<Map<String, Object>> read(SurrealRecordId range, String vectorField) {
        return client.query("SELECT * FROM $records", Map.of("records", range), READ.withFloatArrayFields(vectorField))
                .get(0).records();
    }

    /**
     * Removes {@code table} with its records, if it exists, and defines it again, schemaless and
     * empty. A table name cannot be bound as a variable in a definition, so it must be a plain
     * identifier (letters, digits, {@code _}); anything else is refused.
     */
    public void replaceTable(String table) {
        if (!IDENTIFIER.matcher(table).matches()) {
            throw new IllegalArgumentException("'" + table + "' is not a table name (letters, digits, _)");
        }
        client.query("REMOVE TABLE IF EXISTS " + table + "; DEFINE TABLE " + table + " SCHEMALESS", Map.of());
    }

    /**
     * Inserts records in one request, each batch one {@code INSERT} statement of its rows (every
     * row a map with its {@code id}), bound as a variable.
     */
    public void insert(List<? extends List<? extends Map<String, ?>>> batches) {
        List<Statement> statements = new ArrayList<>(batches.size());
        for (List<? extends Map<String, ?>> rows : batches) {
            statements.add(Statement.builder().sql("INSERT ").bind(rows).sql(" RETURN NONE").build());
        }
        if (!statements.isEmpty()) {
            client.queryBatch(statements);
        }
    }

    private Map<?, ?> tableDefinitions() {
        Object info = client.query("INFO FOR DB", Map.of(), READ).get(0).result();
        if (!(info instanceof Map) || !(((Map<?, ?>) info).get("tables") instanceof Map)) {
            throw new IllegalStateException("SurrealDB " + client.config().namespace() + "/" + client.config().database()
                    + " does not describe its tables in INFO FOR DB");
        }
        return (Map<?, ?>) ((Map<?, ?>) info).get("tables");
    }
}
