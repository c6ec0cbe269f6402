package io.cortexsync.connector.dualwrite.commit;

import io.cortexsync.connector.dualwrite.DualWriteSettings;

import org.apache.flink.annotation.Internal;

import java.time.Instant;
import java.util.Map;

/** A record and its tombstone as SurrealDB returned them; either may be null. */
@Internal
record StoredRecord(Map<String, Object> record, Map<String, Object> tombstone) {

    /** The side of a conflict the record (or, when deleted, its tombstone) stands for. */
    ConflictGuard.Stored guardView(DualWriteSettings settings) {
        if (record != null) {
            return new ConflictGuard.Stored(true, asLong(record.get(settings.versionField())),
                    asInstant(record.get(settings.timestampField())));
        }
        if (tombstone != null) {
            return new ConflictGuard.Stored(false, asLong(tombstone.get("version")), asInstant(tombstone.get("time")));
        }
        return ConflictGuard.Stored.NOTHING;
    }

    private static Long asLong(Object value) {
        return value instanceof Number ? ((Number) value).longValue() : null;
    }

    private static Instant asInstant(Object value) {
        return value instanceof Instant ? (Instant) value : null;
    }
}
