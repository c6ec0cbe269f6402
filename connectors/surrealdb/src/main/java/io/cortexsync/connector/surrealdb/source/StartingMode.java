package io.cortexsync.connector.surrealdb.source;

import org.apache.flink.annotation.PublicEvolving;

/** Where a SurrealSource starts reading. */
@PublicEvolving
public enum StartingMode {
    /** Read a consistent snapshot of the tables, then finish (bounded). */
    SNAPSHOT_ONLY,
    /** Read the snapshot, then follow the change feed with an exactly-once handover. */
    SNAPSHOT_THEN_CHANGES,
    /** Follow the change feed from the current versionstamp, without a snapshot. */
    CHANGES_FROM_NOW,
    /** Follow the change feed from a given versionstamp (inclusive), without a snapshot. */
    CHANGES_FROM_VERSIONSTAMP
}
