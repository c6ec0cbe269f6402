package io.cortexsync.cli.cdc;

import io.cortexsync.jobs.common.JobCounters;

import java.time.Clock;
import java.util.Map;

/**
 * The progress line of a cdc run, from the job's counters: changes synced (of them deletes), the
 * rate since the last line, the lag of the last synced change (from its commit in SurrealDB to
 * Qdrant's confirmation), dead letters and the snapshots finished.
 */
final class CdcProgress {

    private final Clock clock;
    private long lastSynced = -1;
    private long lastAtMs;

    CdcProgress(Clock clock) {
        this.clock = clock;
    }

    String line(Map<String, Object> counters) {
        long synced = JobCounters.asLong(counters.get(JobCounters.SYNCED));
        long deletes = JobCounters.asLong(counters.get(JobCounters.SYNCED_DELETES));
        long deadLettered = JobCounters.asLong(counters.get(JobCounters.DEAD_LETTERED));
        long lastSyncedAt = JobCounters.asLong(counters.get(JobCounters.LAST_SYNCED_AT_MS));
        long lastCommit = JobCounters.asLong(counters.get(JobCounters.LAST_COMMIT_MS));
        long now = clock.millis();
        StringBuilder line = new StringBuilder("synced ").append(synced).append(" changes (").append(deletes).append(" deletes)");
        if (lastSynced >= 0 && now > lastAtMs) {
            line.append(", ").append((synced - lastSynced) * 1000 / (now - lastAtMs)).append("/s");
        }
        if (lastSyncedAt > 0 && lastCommit > 0) {
            line.append(", lag ").append(Math.max(0, lastSyncedAt - lastCommit)).append(" ms (last change, ")
                    .append(Math.max(0, now - lastSyncedAt) / 1000).append(" s ago)");
        }
        line.append(", ").append(deadLettered).append(" dead letters");
        lastSynced = synced;
        lastAtMs = now;
        return line.toString();
    }
}
