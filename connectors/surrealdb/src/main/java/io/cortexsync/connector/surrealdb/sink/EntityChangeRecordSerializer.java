package io.cortexsync.connector.surrealdb.sink;

import io.cortexsync.connector.surrealdb.client.SurrealRecordId;
import io.cortexsync.schema.model.EntityChange;

import org.apache.flink.annotation.PublicEvolving;

/**
 * Writes an {@link EntityChange}: an upsert as {@link SyncEntityRecordSerializer} writes the
 * entity, a delete as a delete of its record id (a delete carries no version, so the version
 * guard lets it through).
 */
@PublicEvolving
public final class EntityChangeRecordSerializer implements SurrealRecordSerializer<EntityChange> {

    private static final long serialVersionUID = 1L;

    private final SyncEntityRecordSerializer entities;

    /** Vector in {@code vector}, version in {@code version}. */
    public EntityChangeRecordSerializer() {
        this(new SyncEntityRecordSerializer());
    }

    public EntityChangeRecordSerializer(String vectorField, String versionField) {
        this(new SyncEntityRecordSerializer(vectorField, versionField));
    }

    private EntityChangeRecordSerializer(SyncEntityRecordSerializer entities) {
        this.entities = entities;
    }

    @Override
    public SurrealWrite serialize(EntityChange change) {
        return change.isDelete()
                ? SurrealWrite.delete(SurrealRecordId.fromRecordId(change.recordId()))
                : entities.serialize(change.entity());
    }
}
