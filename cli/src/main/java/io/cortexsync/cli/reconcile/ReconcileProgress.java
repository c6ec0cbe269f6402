package io.cortexsync.cli.reconcile;

import io.cortexsync.jobs.common.JobCounters;
import io.cortexsync.jobs.reconcile.ReconcileCounters;
import io.cortexsync.schema.model.RepairRecord;

import java.util.Locale;
import java.util.Map;

/**
 * The progress line of a reconciliation, from the job's counters: records and points read (the
 * records against the tables' count at the start), then partitions compared and differences
 * found, and repairs made.
 */
final class ReconcileProgress {

    private final long records;
    private final int partitions;

    /** {@code records}: the tables' records when the run began; {@code partitions}: the partitions compared. */
    ReconcileProgress(long records, int partitions) {
        this.records = records;
        this.partitions = partitions;
    }

    String line(Map<String, Object> counters) {
        long found = 0;
        for (RepairRecord.Kind kind : RepairRecord.Kind.values()) {
            found += count(counters, ReconcileCounters.found(kind));
        }
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "progress: %,d of ~%,d records, %,d points read",
                count(counters, ReconcileCounters.SOURCE_RECORDS), records, count(counters, ReconcileCounters.TARGET_POINTS)));
        long compared = count(counters, ReconcileCounters.PARTITIONS_COMPARED);
        if (compared > 0) {
            line.append(String.format(Locale.ROOT, "; %,d of %,d partitions compared, %,d differences", compared, partitions, found));
        }
        long repaired = count(counters, ReconcileCounters.REPAIRS_SUCCEEDED);
        if (repaired > 0) {
            line.append(String.format(Locale.ROOT, ", %,d repaired", repaired));
        }
        return line.toString();
    }

    /** A continuous run's line: records read (snapshot and changes), rescans, differences reported, resolved within the grace, repairs. */
    String continuousLine(Map<String, Object> counters) {
        long found = 0;
        for (RepairRecord.Kind kind : RepairRecord.Kind.values()) {
            found += count(counters, ReconcileCounters.found(kind));
        }
        return String.format(Locale.ROOT, "reconcile: %,d records read (snapshot ~%,d, then changes), %,d partition scans of %,d "
                        + "partitions, %,d points read, %,d differences reported, %,d resolved within the grace, %,d repaired",
                count(counters, ReconcileCounters.SOURCE_RECORDS), records, count(counters, ReconcileCounters.PARTITION_SCANS),
                partitions, count(counters, ReconcileCounters.TARGET_POINTS), found,
                count(counters, ReconcileCounters.RESOLVED_WITHIN_GRACE), count(counters, ReconcileCounters.REPAIRS_SUCCEEDED));
    }

    private static long count(Map<String, Object> counters, String name) {
        return JobCounters.asLong(counters.get(name));
    }
}
