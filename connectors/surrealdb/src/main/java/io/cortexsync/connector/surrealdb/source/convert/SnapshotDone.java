package io.cortexsync.connector.surrealdb.source.convert;

import org.apache.flink.annotation.PublicEvolving;

import java.time.Instant;
import java.util.Objects;

/**
 * A snapshot of {@code table} that started at {@code startedAt} is complete, and every record it
 * read has passed a completed checkpoint (with checkpointing on). A snapshot emits no deletes: a
 * record deleted before or while it ran is simply not read. So a point of this table that a sink
 * last wrote before {@code startedAt} belongs to a record that no longer exists, and a job may
 * delete it (in Qdrant: every point of the table whose {@code _synced_at} is before
 * {@code startedAt}).
 *
 * @param table the table the snapshot read
 * @param startedAt when the snapshot started: the source's clock as it began to cut the tables
 */
@PublicEvolving
public record SnapshotDone(String table, Instant startedAt) {

    public SnapshotDone {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(startedAt, "startedAt");
    }
}
