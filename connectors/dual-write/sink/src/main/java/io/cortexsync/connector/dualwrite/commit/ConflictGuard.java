package io.cortexsync.connector.dualwrite.commit;

import io.cortexsync.connector.dualwrite.ConflictPolicy;
import io.cortexsync.schema.model.EntityChange;

import org.apache.flink.annotation.Internal;

import java.time.Instant;

/**
 * Decides whether a change beats what is stored for its record. The stored side is the record's
 * version and timestamp, or, after a delete, its tombstone's, so a deleted record stays deleted
 * against older changes.
 */
@Internal
public final class ConflictGuard {

    /** What is stored for a record: whether it exists, and its version and timestamp (null when unknown). */
    public record Stored(boolean exists, Long version, Instant timestamp) {
        public static final Stored NOTHING = new Stored(false, null, null);
    }

    private final ConflictPolicy policy;

    public ConflictGuard(ConflictPolicy policy) {
        this.policy = policy;
    }

    /** Null when {@code change} applies over {@code stored}; otherwise why it lost, naming both sides. */
    public String conflict(EntityChange change, Stored stored) {
        switch (policy) {
            case VERSION: {
                Long version = change.version();
                if (version == null || stored.version() == null || version > stored.version()) {
                    return null;
                }
                return "version " + version + " is not newer than the stored version " + stored.version()
                        + (stored.exists() ? "" : " (deleted)");
            }
            case TIMESTAMP: {
                Instant time = timestampOf(change);
                if (stored.timestamp() == null || time.isAfter(stored.timestamp())) {
                    return null;
                }
                return "timestamp " + time + " is not newer than the stored timestamp " + stored.timestamp()
                        + (stored.exists() ? "" : " (deleted)");
            }
            default:
                return null;
        }
    }

    /** What is stored once {@code change} applied over {@code before}. */
    public Stored after(EntityChange change, Stored before) {
        if (change.isDelete()) {
            Long version = change.version() != null ? change.version() : before.version();
            return new Stored(false, version, timestampOf(change));
        }
        return new Stored(true, change.version(), timestampOf(change));
    }

    /** The time a change is ordered by: the entity's timestamp, or a delete's request time. */
    public static Instant timestampOf(EntityChange change) {
        return change.isDelete() ? change.time() : change.entity().timestamp();
    }
}
