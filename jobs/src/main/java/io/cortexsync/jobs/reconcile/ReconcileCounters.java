package io.cortexsync.jobs.reconcile;

import io.cortexsync.schema.model.RepairRecord;

/**
 * Names of the reconciliation job's counters, each a Flink accumulator and a metric of the same
 * name (see {@code JobCounters}). Per-table counters append {@code .<table>}; a point that names
 * no table counts under {@link #NO_TABLE}.
 */
public final class ReconcileCounters {

    /** SurrealDB records read and converted (records that cannot be synced count as absent, see {@link #UNSYNCABLE}). */
    public static final String SOURCE_RECORDS = "sourceRecords";
    /** Records that cannot be synced (no vector, wrong size, ...): absent for the comparison, as for the sync jobs. */
    public static final String UNSYNCABLE = "unsyncableRecords";
    /** Qdrant points read (of the reconciled tables, or naming none). */
    public static final String TARGET_POINTS = "targetPoints";
    /** Qdrant points of other tables than those reconciled: read and left alone. */
    public static final String OTHER_TABLE_POINTS = "otherTablePoints";
    /** Partitions whose two sides' Merkle roots were compared. */
    public static final String PARTITIONS_COMPARED = "partitionsCompared";
    /** Of those, partitions whose roots differed, so the walk descended. */
    public static final String PARTITIONS_DESCENDED = "partitionsDescended";
    /** Merkle nodes compared in all walks. */
    public static final String NODES_COMPARED = "nodesCompared";
    /** Leaves whose digests differed, so their elements were compared. */
    public static final String LEAVES_DESCENDED = "leavesDescended";
    /** Continuous: rescans of a Qdrant partition. */
    public static final String PARTITION_SCANS = "partitionScans";
    /** Continuous: differences a rescan saw that were gone by the re-check a grace period later (changes in flight). */
    public static final String RESOLVED_WITHIN_GRACE = "resolvedWithinGrace";
    /** Continuous: bytes of the Qdrant responses the rescans and re-checks read (a run's sources count theirs as {@code bytesRead.<operator>}). */
    public static final String TARGET_BYTES_READ = "targetBytesRead";
    /** Continuous: points the SurrealDB side's Bloom filter called absent (orphans known without a read of that side). */
    public static final String ABSENT_BY_BLOOM = "absentByBloom";
    /** Continuous: reads of the SurrealDB side's leaves the Bloom filter made unnecessary. */
    public static final String SIDE_READS_SAVED = "sideReadsSaved";
    /** Continuous, a gauge per subtask: points that differed at their partition's last rescan (reported or not yet). */
    public static final String DIFFERING_POINTS = "differingPoints";
    /** Continuous, a gauge per subtask: the share of entities that agreed at their partitions' last rescans. */
    public static final String CONSISTENCY_RATE = "consistencyRate";
    /** Differences found: {@code found.<KIND>}, and {@code found.<KIND>.<table>}. */
    public static final String FOUND_PREFIX = "found.";
    /** Repairs tried (each re-reads and re-checks before it writes). */
    public static final String REPAIRS_ATTEMPTED = "repairsAttempted";
    /** Repairs that wrote the point, or found it already repaired. */
    public static final String REPAIRS_SUCCEEDED = "repairsSucceeded";
    /** Repairs left to the next pass because a side changed since the difference was found. */
    public static final String REPAIRS_SKIPPED = "repairsSkipped";
    /** Repairs that failed (a store error); the difference remains. */
    public static final String REPAIRS_FAILED = "repairsFailed";
    /** Store requests the repairs made (reads, re-checks and writes). */
    public static final String REPAIR_STORE_OPERATIONS = "repairStoreOperations";
    /** The table name under which points naming no table are counted. */
    public static final String NO_TABLE = "(none)";

    private ReconcileCounters() {}

    public static String found(RepairRecord.Kind kind) {
        return FOUND_PREFIX + kind.name();
    }

    public static String perTable(String counter, String table) {
        return counter + "." + (table == null ? NO_TABLE : table);
    }
}
