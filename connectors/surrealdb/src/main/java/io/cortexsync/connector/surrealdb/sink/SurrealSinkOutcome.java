package io.cortexsync.connector.surrealdb.sink;

import io.cortexsync.schema.model.SyncEvent;

import org.apache.flink.annotation.PublicEvolving;

import java.util.Objects;

/**
 * What became of one element given to the sink.
 *
 * @param recordId the record's id as text ({@code table:key}), or null when the element did not
 *     yield one
 * @param type {@link SyncEvent.Type#SYNCED} (applied, or already stored),
 *     {@link SyncEvent.Type#CONFLICT} (the version guard kept a newer stored version) or
 *     {@link SyncEvent.Type#DEAD_LETTER} (the element can never be written)
 * @param detail why, for conflicts and dead letters (for a record the server rejected, the
 *     server's message unchanged); empty otherwise
 */
@PublicEvolving
public record SurrealSinkOutcome(String recordId, SyncEvent.Type type, String detail) {

    public SurrealSinkOutcome {
        Objects.requireNonNull(type, "type");
        detail = detail == null ? "" : detail;
    }
}
