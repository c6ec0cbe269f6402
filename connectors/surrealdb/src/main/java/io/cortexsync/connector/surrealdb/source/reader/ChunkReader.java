package io.cortexsync.connector.surrealdb.source.reader;

import io.cortexsync.connector.surrealdb.client.QueryOptions;
import io.cortexsync.connector.surrealdb.client.SurrealClient;
import io.cortexsync.connector.surrealdb.client.SurrealRecordId;
import io.cortexsync.connector.surrealdb.source.SurrealSourceConfig;
import io.cortexsync.connector.surrealdb.source.changes.ChangeFeed;
import io.cortexsync.connector.surrealdb.source.changes.FeedChange;
import io.cortexsync.connector.surrealdb.source.record.SurrealChange;
import io.cortexsync.connector.surrealdb.source.split.KeyRange;
import io.cortexsync.connector.surrealdb.source.split.SnapshotSplit;
import io.cortexsync.connector.surrealdb.source.split.SurrealKeyOrder;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads one snapshot chunk with a single bound range query ({@code SELECT ... FROM $r}, where
 * {@code $r} is the record range). When the job follows the change feed, the scan is bracketed by
 * two heartbeat watermarks L and H and the feed's changes in (L, H] to the chunk's keys are applied
 * to it, so the emitted chunk equals the table at H (Flink CDC's incremental snapshot).
 */
final class ChunkReader {

    /** A chunk's records in key order, and the versionstamp they are current at (0 if unknown). */
    static final class Chunk {
        final List<ReadRecord> records;
        final long high;

        Chunk(List<ReadRecord> records, long high) {
            this.records = records;
            this.high = high;
        }
    }

    private final SurrealClient client;
    private final ChangeFeed feed;
    private final SurrealSourceConfig config;
    private final String heartbeatKey;
    private final QueryOptions scanOptions;
    private final String scanSql;

    ChunkReader(SurrealClient client, ChangeFeed feed, SurrealSourceConfig config, String heartbeatKey) {
        this.client = client;
        this.feed = feed;
        this.config = config;
        this.heartbeatKey = heartbeatKey;
        this.scanOptions = QueryOptions.DEFAULTS
                .withIdempotent(true)
                .withFloatArrayFields(config.vectorFields().toArray(new String[0]));
        this.scanSql = "SELECT " + config.projection() + " FROM $r";
    }

    Chunk read(SnapshotSplit split) {
        if (!config.readsChanges()) {
            List<ReadRecord> records = new ArrayList<>();
            for (Map<String, Object> row : scan(split)) {
                records.add(ReadRecord.snapshot(SurrealChange.readDecoded(idOf(row), row, 0L), -1));
            }
            return new Chunk(records, 0L);
        }
        long low = watermark();
        List<Map<String, Object>> rows = scan(split);
        long high = watermark();

        TreeMap<Object, SurrealChange> current = new TreeMap<>(SurrealKeyOrder.INSTANCE);
        for (Map<String, Object> row : rows) {
            SurrealRecordId id = idOf(row);
            current.put(id.key(), SurrealChange.readDecoded(id, row, high));
        }
        // keys emitted before a restore were current somewhere after the old scan's low watermark:
        // the changes since then are replayed for them
        long replayAfter = split.lowWatermark().orElse(low);
        KeyRange remaining = split.remainingRange();
        List<ReadRecord> replays = new ArrayList<>();
        feed.visit(Math.min(low, replayAfter) + 1, high, config.changePageSize(), (vs, change) -> {
            if (change.kind() == FeedChange.Kind.OTHER || !split.table().equals(change.table())) {
                return;
            }
            Object key = change.id().key();
            if (remaining.contains(key)) {
                if (vs > low) {
                    applyTo(current, change, high);
                }
            } else if (split.range().contains(key) && vs > replayAfter) {
                replays.add(ReadRecord.replay(toChange(change, vs)));
            }
        });
        List<ReadRecord> records = new ArrayList<>(replays.size() + current.size());
        records.addAll(replays);
        for (SurrealChange change : current.values()) {
            records.add(ReadRecord.snapshot(change, low));
        }
        return new Chunk(records, high);
    }

    private List<Map<String, Object>> scan(SnapshotSplit split) {
        return client.query(scanSql, Map.of("r", split.remainingRangeId()), scanOptions).get(0).records();
    }

    private long watermark() {
        return feed.watermark(config.heartbeatTable(), heartbeatKey, config.changePageSize(), config.pollInterval().multipliedBy(20).plusSeconds(10));
    }

    /** Brings a scanned key up to date; the chunk's records are all current at {@code high}, their versionstamp. */
    private void applyTo(TreeMap<Object, SurrealChange> current, FeedChange change, long high) {
        if (change.kind() == FeedChange.Kind.DELETE) {
            current.remove(change.id().key());
        } else {
            current.put(change.id().key(), SurrealChange.read(change.id(), Projection.apply(config, change.fields()), high));
        }
    }

    private SurrealChange toChange(FeedChange change, long vs) {
        return change.kind() == FeedChange.Kind.DELETE
                ? SurrealChange.delete(change.id(), vs)
                : SurrealChange.upsert(change.id(), Projection.apply(config, change.fields()), vs);
    }

    static SurrealRecordId idOf(Map<String, Object> row) {
        Object id = row.get("id");
        if (!(id instanceof SurrealRecordId)) {
            throw new IllegalStateException("a record without a record id: " + row.keySet());
        }
        return (SurrealRecordId) id;
    }
}
