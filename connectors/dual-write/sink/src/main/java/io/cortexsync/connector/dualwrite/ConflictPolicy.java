package io.cortexsync.connector.dualwrite;

import org.apache.flink.annotation.PublicEvolving;

/**
 * Which of two changes to one record wins. The decision is taken once, against SurrealDB (the
 * record and its tombstone), and the loser is applied nowhere.
 */
@PublicEvolving
public enum ConflictPolicy {

    /**
     * A change applies only when its version is newer than the stored one (the record's, or its
     * tombstone's after a delete); a change without a version applies unguarded.
     */
    VERSION,

    /** Last writer wins by the entity's timestamp (a delete's: the change's time); strictly newer wins. */
    TIMESTAMP,

    /** Every change applies, in input order. */
    NONE
}
