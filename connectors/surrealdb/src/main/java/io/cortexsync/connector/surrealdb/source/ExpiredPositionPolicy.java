package io.cortexsync.connector.surrealdb.source;

import org.apache.flink.annotation.PublicEvolving;

/** What the source does when its change feed position is older than the feed's retention. */
@PublicEvolving
public enum ExpiredPositionPolicy {
    /** Fail the job with a message naming the position, its time and the retention. */
    FAIL,
    /** Read the tables again as a snapshot, then follow the feed from there. */
    RESNAPSHOT
}
