package io.cortexsync.cli.preflight;

import io.cortexsync.cli.options.StoreOptions;
import io.cortexsync.connector.surrealdb.admin.SurrealAdmin;
import io.cortexsync.connector.surrealdb.client.SurrealClient;
import io.cortexsync.connector.surrealdb.client.SurrealException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What a job that follows the change feed needs beyond {@link SyncPreflight}: a change feed on
 * every table, and a starting versionstamp the feed still holds. Fails with one line naming the
 * table and the statement that adds a feed, or the way out of an expired position.
 */
public final class ChangeFeedPreflight {

    private final StoreOptions stores;
    private final List<String> tables;
    private final Clock clock;

    public ChangeFeedPreflight(StoreOptions stores, List<String> tables, Clock clock) {
        this.stores = stores;
        this.tables = List.copyOf(tables);
        this.clock = clock;
    }

    /**
     * Checks every table's feed and, when a run starts at {@code startVersionstamp}, that the
     * shortest retention still covers it (unless {@code resnapshotsWhenExpired}). Returns the
     * shortest retention.
     */
    public Duration run(OptionalLong startVersionstamp, boolean resnapshotsWhenExpired) {
        Duration shortest = null;
        String shortestTable = null;
        try (SurrealClient client = SurrealClient.create(stores.surrealConnection())) {
            SurrealAdmin surreal = new SurrealAdmin(client);
            for (String table : tables) {
                Optional<Duration> retention = surreal.changeFeedRetention(table);
                if (retention.isEmpty()) {
                    throw new PreflightException(noChangeFeed(table));
                }
                if (shortest == null || retention.get().compareTo(shortest) < 0) {
                    shortest = retention.get();
                    shortestTable = table;
                }
            }
        } catch (SurrealException e) {
            throw new PreflightException("SurrealDB at " + stores.surrealUrl() + " (" + stores.surrealNs() + "/"
                    + stores.surrealDb() + "): cannot read the change feeds of " + tables + ": " + e.getMessage(), e);
        }
        // a 2.x versionstamp tells no time: the source finds an expired position when it reads
        Optional<Instant> committedAt = startVersionstamp.isPresent() && !resnapshotsWhenExpired
                ? SurrealAdmin.versionstampTime(startVersionstamp.getAsLong()) : Optional.empty();
        if (committedAt.isPresent()) {
            Instant committed = committedAt.get();
            Instant oldestKept = clock.instant().minus(shortest);
            if (committed.isBefore(oldestKept)) {
                throw new PreflightException("--start versionstamp:" + startVersionstamp.getAsLong() + " (" + committed
                        + ") is older than the change feed retention " + describe(shortest) + " of table '" + shortestTable
                        + "': changes since may be gone. Start with --start snapshot, or let the job read the tables"
                        + " again with --on-expired resnapshot");
            }
        }
        return shortest;
    }

    /** The one line for a table without a change feed, with the statement that adds one. */
    static String noChangeFeed(String table) {
        return "table '" + table + "' has no change feed, so its changes cannot be followed (--table). Define one in"
                + " SurrealDB, keeping the rest of the table's definition: DEFINE TABLE " + table + " CHANGEFEED 3d"
                + " (the retention, here 3 days, must outlast any stop of the job)";
    }

    private static String describe(Duration d) {
        long s = d.toSeconds();
        return s % 86_400 == 0 ? s / 86_400 + "d" : s % 3600 == 0 ? s / 3600 + "h" : s % 60 == 0 ? s / 60 + "m" : s + "s";
    }
}
