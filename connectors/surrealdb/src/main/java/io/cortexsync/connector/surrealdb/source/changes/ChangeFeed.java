package io.cortexsync.connector.surrealdb.source.changes;

import io.cortexsync.connector.surrealdb.client.QueryOptions;
import io.cortexsync.connector.surrealdb.client.StatementResult;
import io.cortexsync.connector.surrealdb.client.SurrealClient;
import io.cortexsync.connector.surrealdb.client.SurrealRecordId;

import org.apache.flink.annotation.Internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Reads the database's change feed ({@code SHOW CHANGES FOR DATABASE}): the per-table form counts
 * its LIMIT before filtering by table, so an empty page cannot tell how far it got, while the
 * database form always shows its progress. Tables are filtered by the caller.
 */
@Internal
public final class ChangeFeed {

    /** Reads, and writes that may run twice (heartbeats, IF NOT EXISTS): retried after transport failures. */
    private static final QueryOptions READ = QueryOptions.DEFAULTS.withIdempotent(true);

    /** The largest LIMIT the engine takes for SHOW CHANGES: it caps larger ones at this. */
    public static final int MAX_PAGE_SIZE = 1000;

    /** How far before the server's clock the search for a heartbeat starts. */
    private static final Duration HEARTBEAT_WINDOW = Duration.ofSeconds(5);

    private final SurrealClient client;
    private final QueryOptions readOptions;

    public ChangeFeed(SurrealClient client, List<String> vectorFields) {
        this.client = client;
        this.readOptions = READ.withFloatArrayFields(vectorFields.toArray(new String[0]));
    }

    /** Up to {@code limit} entries with versionstamps from {@code since} on, in versionstamp order. */
    public List<FeedEntry> page(long since, int limit) {
        if (limit < 1 || limit > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_PAGE_SIZE + ": " + limit);
        }
        String sql = "SHOW CHANGES FOR DATABASE SINCE " + Versionstamps.sinceLiteral(since) + " LIMIT " + limit;
        List<FeedEntry> entries = new ArrayList<>();
        for (Object item : client.query(sql, Map.of(), readOptions).get(0).resultList()) {
            entries.add(FeedParser.entry(item));
        }
        return entries;
    }

    /** Receives the changes of a range of the feed, in feed order. */
    @FunctionalInterface
    public interface ChangeVisitor {
        void visit(long versionstamp, FeedChange change);
    }

    /**
     * Visits every change with a versionstamp in {@code [from, to]}, each once: a full page may
     * stop inside the entries of its last versionstamp, so those are left for the next page,
     * which starts at that versionstamp (a page holding one versionstamp only is read again with
     * twice the limit).
     */
    public void visit(long from, long to, int pageSize, ChangeVisitor visitor) {
        long since = from;
        int limit = pageSize;
        while (since <= to) {
            List<FeedEntry> page = page(since, limit);
            boolean full = page.size() == limit;
            long last = page.isEmpty() ? since : page.get(page.size() - 1).versionstamp();
            if (full && last == since) {
                limit = doubled(limit, since);
                continue;
            }
            for (FeedEntry entry : page) {
                if (entry.versionstamp() > to || (full && entry.versionstamp() == last)) {
                    break;
                }
                for (FeedChange change : entry.changes()) {
                    visitor.visit(entry.versionstamp(), change);
                }
            }
            if (!full) {
                return;
            }
            since = last;
            limit = pageSize;
        }
    }

    /**
     * A versionstamp no earlier than every transaction committed before this call: that of a
     * heartbeat record written to {@code heartbeatTable} and found again in the feed.
     */
    public long watermark(String heartbeatTable, String heartbeatKey, int pageSize, Duration timeout) {
        String nonce = UUID.randomUUID().toString();
        SurrealRecordId id = SurrealRecordId.of(heartbeatTable, heartbeatKey);
        // a repeated heartbeat is harmless: the search below looks for this nonce, wherever it is
        List<StatementResult> results = client.query(
                "UPSERT $hb SET nonce = $nonce RETURN NONE; RETURN time::now();",
                Map.of("hb", id, "nonce", nonce), READ);
        Instant serverNow = (Instant) results.get(1).result();
        long since = Versionstamps.ofMillis(serverNow.minus(HEARTBEAT_WINDOW).toEpochMilli());
        long deadline = System.nanoTime() + timeout.toNanos();
        int limit = pageSize;
        while (true) {
            List<FeedEntry> page = page(since, limit);
            for (FeedEntry entry : page) {
                for (FeedChange change : entry.changes()) {
                    if (change.kind() == FeedChange.Kind.UPSERT
                            && id.equals(change.id())
                            && nonce.equals(change.fields().get("nonce"))) {
                        return entry.versionstamp();
                    }
                }
            }
            if (page.size() == limit) {
                long last = page.get(page.size() - 1).versionstamp();
                if (last == since) {
                    limit = doubled(limit, since);
                } else {
                    since = last;
                }
            } else if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the heartbeat written to " + heartbeatTable
                        + " did not appear in the change feed within " + timeout
                        + "; does the table have a CHANGEFEED?");
            }
        }
    }

    /**
     * A page full of one versionstamp's entries is read again with twice the limit, up to what the
     * engine takes; a transaction with more entries than that (one per table it touched) cannot be
     * paged past.
     */
    private static int doubled(int limit, long versionstamp) {
        if (limit >= MAX_PAGE_SIZE) {
            throw new IllegalStateException("versionstamp " + versionstamp + " holds more than " + MAX_PAGE_SIZE
                    + " change feed entries, the most one SHOW CHANGES returns: the feed cannot be paged past it");
        }
        return Math.min(limit * 2, MAX_PAGE_SIZE);
    }

    /** Writes the heartbeat record, giving the feed a fresh entry. */
    public void touchHeartbeat(String heartbeatTable, String heartbeatKey) {
        client.query("UPSERT $hb SET nonce = $nonce RETURN NONE",
                Map.of("hb", SurrealRecordId.of(heartbeatTable, heartbeatKey), "nonce", UUID.randomUUID().toString()), READ);
    }

    /** Creates the heartbeat table with a change feed unless it exists. */
    public void defineHeartbeatTable(String heartbeatTable, Duration retention) {
        client.query("DEFINE TABLE IF NOT EXISTS " + Identifiers.checked(heartbeatTable)
                        + " SCHEMALESS CHANGEFEED " + (Math.max(1, retention.toSeconds())) + "s",
                Map.of(), READ);
    }

    /** The change feed retention of each table that has one, from {@code INFO FOR DB}. */
    public Map<String, Duration> retentions() {
        Map<?, ?> info = (Map<?, ?>) client.query("INFO FOR DB", Map.of(), READ).get(0).result();
        return FeedParser.retentions((Map<?, ?>) info.get("tables"));
    }
}
