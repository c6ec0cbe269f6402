package io.cortexsync.jobs.common;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Names of the job's counters. Each is a Flink accumulator (read by a local client through
 * {@code JobClient#getAccumulators()}, by a remote one through {@code GET /jobs/<jid>/accumulators})
 * and a metric of the same name on the dashboard.
 */
public final class JobCounters {

    /** Entities handed to the Qdrant sink (in a dry run: that would be). */
    public static final String MIGRATED = "migrated";

    /** Records that could not be migrated; each is also a dead letter. */
    public static final String FAILED = "failed";

    /** Dead letters written, in all. */
    public static final String DEAD_LETTERED = "deadLettered";

    /** Checkpoints completed while the job ran (counted once, by the first subtask). */
    public static final String CHECKPOINTS = "checkpoints";

    /** Changes whose write Qdrant confirmed (a streaming job's SYNCED events). */
    public static final String SYNCED = "synced";

    /** Of those, deletes. */
    public static final String SYNCED_DELETES = "syncedDeletes";

    /** The latest time (epoch ms) a change was confirmed in Qdrant; a maximum over subtasks. */
    public static final String LAST_SYNCED_AT_MS = "lastSyncedAtMs";

    /** The latest commit time (epoch ms) in SurrealDB of a change confirmed in Qdrant; a maximum over subtasks. */
    public static final String LAST_COMMIT_MS = "lastCommitMs";

    /** Prefix of the changes synced per table: {@code synced.<table>}. */
    public static final String SYNCED_PREFIX = SYNCED + ".";

    /** Prefix of the snapshots whose every record is in Qdrant, per table: {@code snapshotDone.<table>}. */
    public static final String SNAPSHOT_DONE_PREFIX = "snapshotDone.";

    /** Prefix of the dead letters counted per reason: {@code deadLettered.<reason-key>}. */
    public static final String DEAD_LETTERED_PREFIX = DEAD_LETTERED + ".";

    /**
     * {@code bytesRead.<operator>}: the bytes a source operator read from its store (Flink's
     * {@code numBytesIn} metric), added to a local run's counters by the runner.
     */
    public static final String BYTES_READ_PREFIX = "bytesRead.";

    private JobCounters() {}

    /** The accumulator of dead letters of this reason class. */
    public static String deadLettered(String reasonKey) {
        return DEAD_LETTERED_PREFIX + reasonKey;
    }

    /** The per-reason counts among accumulator values (values as numbers or, from REST, as text). */
    public static Map<String, Long> deadLetteredByReason(Map<String, ?> accumulators) {
        Map<String, Long> byReason = new LinkedHashMap<>();
        accumulators.forEach((name, value) -> {
            if (name.startsWith(DEAD_LETTERED_PREFIX)) {
                byReason.put(name.substring(DEAD_LETTERED_PREFIX.length()), asLong(value));
            }
        });
        return byReason;
    }

    /** An accumulator value as a number: a Long locally, a string through REST; 0 when absent. */
    public static long asLong(Object value) {
        if (value == null) {
            return 0;
        }
        if (value instanceof Number) {
            return ((Number) value).longValue();
        }
        try {
            return Long.parseLong(value.toString().trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
