package io.cortexsync.connector.surrealdb.source.changes;

import io.cortexsync.connector.surrealdb.client.SurrealRecordId;

import org.apache.flink.annotation.Internal;

import java.util.Map;

/**
 * One change of a change feed entry.
 *
 * @param kind an upsert (the record's whole new content), a delete, or something else such as a
 *     table definition, which readers skip
 * @param id the record, for upserts and deletes
 * @param fields the record's content after an upsert; null otherwise
 */
@Internal
public record FeedChange(Kind kind, SurrealRecordId id, Map<String, Object> fields) {

    /** What a change does. */
    public enum Kind {
        UPSERT,
        DELETE,
        OTHER
    }

    static final FeedChange OTHER = new FeedChange(Kind.OTHER, null, null);

    public String table() {
        return id == null ? null : id.table();
    }
}
