package io.cortexsync.cli.cdc;

import io.cortexsync.jobs.common.JobCounters;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The progress line of a cdc run, from the job's counters: while a table's snapshot runs, the
 * records of it synced against the table's count at the start; then the changes synced (of them
 * deletes), the rate since the last line, the lag of the last synced change (from its commit in
 * SurrealDB to Qdrant's confirmation) and the dead letters.
 */
final class CdcProgress {

    private final Clock clock;
    private final Map<String, Long> snapshotRecords;
    private long lastSynced = -1;
    private long lastAtMs;

    /** {@code snapshotRecords}: each table's records when the run began; empty when no snapshot is read. */
    CdcProgress(Clock clock, Map<String, Long> snapshotRecords) {
        this.clock = clock;
        this.snapshotRecords = new LinkedHashMap<>(snapshotRecords);
    }

    String line(Map<String, Object> counters) {
        long synced = JobCounters.asLong(counters.get(JobCounters.SYNCED));
        long deletes = JobCounters.asLong(counters.get(JobCounters.SYNCED_DELETES));
        long deadLettered = JobCounters.asLong(counters.get(JobCounters.DEAD_LETTERED));
        long lastSyncedAt = JobCounters.asLong(counters.get(JobCounters.LAST_SYNCED_AT_MS));
        long lastCommit = JobCounters.asLong(counters.get(JobCounters.LAST_COMMIT_MS));
        long now = clock.millis();
        StringBuilder line = new StringBuilder();
        snapshotRecords.forEach((table, records) -> {
            if (JobCounters.asLong(counters.get(JobCounters.SNAPSHOT_DONE_PREFIX + table)) == 0) {
                line.append("snapshot ").append(table).append(' ')
                        .append(JobCounters.asLong(counters.get(JobCounters.SYNCED_PREFIX + table)))
                        .append(" of ~").append(records).append(" records; ");
            }
        });
        line.append("synced ").append(synced).append(" changes (").append(deletes).append(" deletes)");
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
