package io.cortexsync.cli.dualwrite;

import io.cortexsync.jobs.common.JobCounters;

import java.util.Map;

/**
 * The progress line of a dual-write run, from the job's counters: changes landed in both stores
 * (of them deletes), the latency of the last one (from Kafka to its final event) and the dead
 * letters.
 */
final class DualWriteProgress {

    String line(Map<String, Object> counters) {
        long synced = JobCounters.asLong(counters.get(JobCounters.SYNCED));
        long deletes = JobCounters.asLong(counters.get(JobCounters.SYNCED_DELETES));
        long deadLettered = JobCounters.asLong(counters.get(JobCounters.DEAD_LETTERED));
        long lastSyncedAt = JobCounters.asLong(counters.get(JobCounters.LAST_SYNCED_AT_MS));
        long lastIngest = JobCounters.asLong(counters.get(JobCounters.LAST_COMMIT_MS));
        StringBuilder line = new StringBuilder("written ").append(synced).append(" changes to both stores (")
                .append(deletes).append(" deletes)");
        if (lastSyncedAt > 0 && lastIngest > 0) {
            line.append(", last took ").append(Math.max(0, lastSyncedAt - lastIngest)).append(" ms from Kafka");
        }
        return line.append(", ").append(deadLettered).append(" dead letters").toString();
    }
}
