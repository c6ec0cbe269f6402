package io.cortexsync.connector.surrealdb.source.reader;

import io.cortexsync.connector.surrealdb.SurrealOptions;
import io.cortexsync.connector.surrealdb.source.ExpiredPositionPolicy;
import io.cortexsync.connector.surrealdb.source.SurrealSourceConfig;
import io.cortexsync.connector.surrealdb.source.changes.ChangeFeed;
import io.cortexsync.connector.surrealdb.source.changes.FeedChange;
import io.cortexsync.connector.surrealdb.source.changes.FeedEntry;
import io.cortexsync.connector.surrealdb.source.changes.Versionstamps;
import io.cortexsync.connector.surrealdb.source.record.SurrealChange;
import io.cortexsync.connector.surrealdb.source.split.ChunkWatermark;
import io.cortexsync.connector.surrealdb.source.split.StreamSplit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Follows the change feed from a {@link StreamSplit}'s position, one page per fetch.
 *
 * <p>A change is emitted when its table is watched and, while the handover from the snapshot
 * lasts, only when it is newer than the high watermark of its key's chunk. The position advances
 * over every change of every table, so a quiet table behind busy ones never stalls. Before each
 * page the position is checked against the feed's retention.
 */
final class StreamReader {

    /**
     * One page: the records to emit and the position after the whole page, whether the page reached
     * the end of the feed, and whether it told nothing new (a page holding only the position's own
     * entries, read again larger): such a page says nothing about how far behind the stream is.
     */
    static final class Batch {
        final List<ReadRecord> records;
        final long position;
        final long processedAtPosition;
        final boolean caughtUp;
        final boolean repeated;
        /** When caught up, how long to wait before the next fetch: shorter than the poll interval when a held-back change settles sooner. */
        final Duration nextFetchIn;

        Batch(List<ReadRecord> records, long position, long processedAtPosition, boolean caughtUp, Duration nextFetchIn) {
            this(records, position, processedAtPosition, caughtUp, false, nextFetchIn);
        }

        private Batch(List<ReadRecord> records, long position, long processedAtPosition, boolean caughtUp, boolean repeated,
                Duration nextFetchIn) {
            this.records = records;
            this.position = position;
            this.processedAtPosition = processedAtPosition;
            this.caughtUp = caughtUp;
            this.repeated = repeated;
            this.nextFetchIn = nextFetchIn;
        }
    }

    private static final Duration RETENTION_REFRESH = Duration.ofMinutes(1);

    /** Changes a page aims at: past some hundreds a page's cost per change grows. */
    static final int CHANGES_PER_PAGE = 500;

    private final ChangeFeed feed;
    private final SurrealSourceConfig config;
    private final String heartbeatKey;
    private final Set<String> tables;
    private final Map<String, List<ChunkWatermark>> watermarksByTable = new HashMap<>();
    private final long maxHigh;
    private final long snapshotStartedAt;
    private boolean markersDue;
    private long position;
    private long processedAtPosition;
    private int limit;
    private Duration retention;
    private String retentionTable;
    private long retentionReadAtMillis = Long.MIN_VALUE;

    StreamReader(ChangeFeed feed, SurrealSourceConfig config, String heartbeatKey, StreamSplit split) {
        this.feed = feed;
        this.config = config;
        this.heartbeatKey = heartbeatKey;
        this.tables = new HashSet<>(config.tables());
        long max = -1;
        for (ChunkWatermark w : split.chunkWatermarks()) {
            watermarksByTable.computeIfAbsent(w.table(), t -> new ArrayList<>()).add(w);
            max = Math.max(max, w.high());
        }
        this.maxHigh = max;
        this.snapshotStartedAt = split.snapshotStartedAt();
        this.markersDue = split.marksSnapshotDone();
        this.position = split.position();
        this.processedAtPosition = split.processedAtPosition();
        this.limit = config.changePageSize();
    }

    long position() {
        return position;
    }

    /** Entries the next page asks for. */
    int limit() {
        return limit;
    }

    /**
     * The expiry of the position, if it is older than the retention of a watched table (less the
     * margin): the message a failing job shows. Null while it is fresh.
     */
    String expiry() {
        refreshRetention();
        long now = config.clock().getAsLong();
        long oldestKept = now - retention.toMillis() + margin().toMillis();
        if (Versionstamps.millisOf(position) >= oldestKept) {
            return null;
        }
        return expiryMessage(position, retention, retentionTable, margin());
    }

    /** What a failing job says about an expired position; names the setter and option that re-snapshot instead. */
    static String expiryMessage(long position, Duration retention, String table, Duration margin) {
        return "change feed position " + position + " (" + Versionstamps.instantOf(position)
                + ") is older than the change feed retention " + Versionstamps.describe(retention)
                + " of table '" + table + "' (margin " + Versionstamps.describe(margin) + "); changes may have been dropped. Read the tables again"
                + " (setStartingMode(StartingMode.SNAPSHOT_THEN_CHANGES)), or let the source do it:"
                + " setExpiredPositionPolicy(ExpiredPositionPolicy.RESNAPSHOT) or "
                + SurrealOptions.SOURCE_EXPIRED_POSITION.key() + ": " + ExpiredPositionPolicy.RESNAPSHOT;
    }

    Batch fetch() {
        if (markersDue) {
            markersDue = false;
            return markers();
        }
        keepFresh();
        List<FeedEntry> page = feed.page(position, limit);
        boolean full = page.size() == limit;
        long settled = settledBefore();
        long last = page.isEmpty() ? position : page.get(page.size() - 1).versionstamp();
        if (full && last == position) {
            limit = doubled(limit);
            return new Batch(List.of(), position, processedAtPosition, false, true, Duration.ZERO);
        }
        List<ReadRecord> records = new ArrayList<>();
        long at = position;
        long processed = processedAtPosition;
        long countAtVs = 0;
        long currentVs = -1;
        boolean heldBack = false;
        Duration nextFetchIn = config.pollInterval();
        for (FeedEntry entry : page) {
            long vs = entry.versionstamp();
            if (vs >= settled) {
                // too young: a transaction with a lower versionstamp may still be committing
                heldBack = true;
                nextFetchIn = untilSettled(vs);
                break;
            }
            if (full && vs == last) {
                break;
            }
            if (vs != currentVs) {
                currentVs = vs;
                countAtVs = 0;
            }
            for (FeedChange change : entry.changes()) {
                countAtVs++;
                if (vs == position && countAtVs <= processedAtPosition) {
                    continue;
                }
                at = vs;
                processed = countAtVs;
                if (emits(vs, change)) {
                    records.add(ReadRecord.stream(toChange(vs, change), at, processed));
                }
            }
        }
        // a full page that only repeats what was handled at the position, up to the entries of its
        // last versionstamp (left for the next page), moved nothing: a larger page must reach past
        // them, or a small page size would read the same page forever
        boolean moved = at != position || processed != processedAtPosition;
        limit = full && !moved && !heldBack ? doubled(limit) : nextLimit(page);
        position = at;
        processedAtPosition = processed;
        return new Batch(records, at, processed, !full || heldBack, nextFetchIn);
    }

    /**
     * Entries to ask for next: about {@link #CHANGES_PER_PAGE} changes at the last page's changes per
     * entry, at most the configured page size. The engine's time for a page grows faster than its
     * size (on the 3.0.2 engine, 768-dim records: 1,000 single-change entries take 20 times as long
     * as 100), so a page of large transactions is kept short.
     */
    private int nextLimit(List<FeedEntry> page) {
        long changes = 0;
        for (FeedEntry entry : page) {
            changes += entry.changes().size();
        }
        if (page.isEmpty() || changes <= page.size()) {
            return config.changePageSize();
        }
        long entries = CHANGES_PER_PAGE * page.size() / changes;
        return (int) Math.max(1, Math.min(config.changePageSize(), entries));
    }

    /** How long until a held-back versionstamp is old enough to pass, at most the poll interval. */
    private Duration untilSettled(long versionstamp) {
        long millis = Versionstamps.millisOf(versionstamp) + config.lateCommitHoldBack().toMillis() + 1
                - config.clock().getAsLong();
        return millis >= config.pollInterval().toMillis()
                ? config.pollInterval()
                : Duration.ofMillis(Math.max(0, millis));
    }

    /**
     * The versionstamp from which on changes are held back for now: those committed less than
     * {@link SurrealSourceConfig#lateCommitHoldBack()} ago. A SurrealDB 3.x transaction takes its versionstamp (the
     * millisecond it commits at, and a counter) before its commit becomes visible, so of two
     * concurrent transactions the one with the higher versionstamp can become visible first; were
     * the position moved past it, {@code SINCE} would never return the other one. A 2.x
     * versionstamp holds no time, so nothing is held back there.
     */
    private long settledBefore() {
        long millis = config.clock().getAsLong() - config.lateCommitHoldBack().toMillis();
        return millis < 0 ? 0 : Versionstamps.ofMillis(millis);
    }

    /**
     * The limit for a page that came back full of the position's own entries: twice as many, up to
     * what the engine takes (it caps LIMIT at {@link ChangeFeed#MAX_PAGE_SIZE}, so doubling past it
     * would read the same page forever).
     */
    int doubled(int current) {
        if (current >= ChangeFeed.MAX_PAGE_SIZE) {
            throw new IllegalStateException("versionstamp " + position + " holds more than "
                    + ChangeFeed.MAX_PAGE_SIZE + " change feed entries, the most one SHOW CHANGES returns:"
                    + " the stream cannot page past it");
        }
        return Math.min(current * 2, ChangeFeed.MAX_PAGE_SIZE);
    }

    /**
     * One SNAPSHOT_DONE marker per watched table, before any change: the snapshot this split
     * follows is complete (the enumerator handed the split out only after its records passed a
     * completed checkpoint).
     */
    private Batch markers() {
        List<ReadRecord> records = new ArrayList<>();
        Instant startedAt = Instant.ofEpochMilli(snapshotStartedAt);
        List<String> watched = config.tables();
        for (int i = 0; i < watched.size(); i++) {
            records.add(ReadRecord.marker(SurrealChange.snapshotDone(watched.get(i), startedAt, position),
                    position, processedAtPosition, i == watched.size() - 1));
        }
        return new Batch(records, position, processedAtPosition, false, Duration.ZERO);
    }

    private boolean emits(long vs, FeedChange change) {
        if (change.kind() == FeedChange.Kind.OTHER || !tables.contains(change.table())) {
            return false;
        }
        if (vs > maxHigh) {
            return true;
        }
        for (ChunkWatermark w : watermarksByTable.getOrDefault(change.table(), List.of())) {
            if (w.range().contains(change.id().key())) {
                return vs > w.high();
            }
        }
        return true;
    }

    private SurrealChange toChange(long vs, FeedChange change) {
        return change.kind() == FeedChange.Kind.DELETE
                ? SurrealChange.delete(change.id(), vs)
                : SurrealChange.upsert(change.id(), Projection.apply(config, change.fields()), vs);
    }

    /**
     * A quiet database writes nothing to the feed, so the position would age into the retention:
     * a heartbeat gives the next page an entry to advance to.
     */
    private void keepFresh() {
        long age = config.clock().getAsLong() - Versionstamps.millisOf(position);
        if (retention != null && age > retention.toMillis() / 4) {
            feed.touchHeartbeat(config.heartbeatTable(), heartbeatKey);
        }
    }

    private void refreshRetention() {
        long now = System.currentTimeMillis();
        if (retention != null && now - retentionReadAtMillis < RETENTION_REFRESH.toMillis()) {
            return;
        }
        Map<String, Duration> retentions = feed.retentions();
        Duration shortest = null;
        String shortestTable = null;
        for (String table : config.tables()) {
            Duration r = retentions.get(table);
            if (r == null) {
                throw new IllegalStateException("table '" + table + "' has no change feed; define one with"
                        + " DEFINE TABLE " + table + " CHANGEFEED <retention> (e.g. 1d) before following its changes");
            }
            if (shortest == null || r.compareTo(shortest) < 0) {
                shortest = r;
                shortestTable = table;
            }
        }
        retention = shortest;
        retentionTable = shortestTable;
        retentionReadAtMillis = now;
    }

    private Duration margin() {
        Duration tenth = retention.dividedBy(10);
        return config.retentionMargin().compareTo(tenth) < 0 ? config.retentionMargin() : tenth;
    }

    boolean failsOnExpiry() {
        return config.expiredPositionPolicy() == ExpiredPositionPolicy.FAIL;
    }
}
