package io.cortexsync.connector.surrealdb.sink;

import io.cortexsync.connector.surrealdb.client.SurrealRecordId;
import io.cortexsync.connector.surrealdb.sink.internal.WriteStatements;
import io.cortexsync.schema.model.SyncEntity;

import org.apache.flink.annotation.PublicEvolving;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Writes a {@link SyncEntity} as an upsert of its record: the metadata's fields, the vector under
 * the vector field and, when the entity has one, its version under the version field.
 */
@PublicEvolving
public final class SyncEntityRecordSerializer implements SurrealRecordSerializer<SyncEntity> {

    private static final long serialVersionUID = 1L;

    /** The default field names, as in the rest of the project. */
    public static final String DEFAULT_VECTOR_FIELD = "vector";
    public static final String DEFAULT_VERSION_FIELD = "version";

    private final String vectorField;
    private final String versionField;

    /** Vector in {@code vector}, version in {@code version}. */
    public SyncEntityRecordSerializer() {
        this(DEFAULT_VECTOR_FIELD, DEFAULT_VERSION_FIELD);
    }

    public SyncEntityRecordSerializer(String vectorField, String versionField) {
        this.vectorField = Objects.requireNonNull(vectorField, "vectorField");
        this.versionField = WriteStatements.checkVersionField(versionField);
        if (vectorField.isEmpty() || vectorField.equals(versionField) || vectorField.equals("id")) {
            throw new IllegalArgumentException("the vector field must be named, apart from 'id' and the version field");
        }
    }

    @Override
    public SurrealWrite serialize(SyncEntity entity) {
        return SurrealWrite.upsert(SurrealRecordId.fromRecordId(entity.id()), content(entity), entity.version());
    }

    /** The record's content: metadata without an {@code id} (the record id stands apart), vector, version. */
    Map<String, Object> content(SyncEntity entity) {
        Map<String, Object> content = new LinkedHashMap<>(entity.metadata());
        content.remove("id");
        content.put(vectorField, entity.vector());
        if (entity.version() != null) {
            content.put(versionField, entity.version());
        }
        return content;
    }
}
