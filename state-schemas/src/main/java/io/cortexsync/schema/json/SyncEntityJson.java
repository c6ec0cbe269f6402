package io.cortexsync.schema.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import io.cortexsync.schema.model.SyncEntity;

import java.io.IOException;
import java.time.Instant;
import java.util.Map;

import static io.cortexsync.schema.json.JsonValuesIO.instant;
import static io.cortexsync.schema.json.JsonValuesIO.integer;
import static io.cortexsync.schema.json.JsonValuesIO.object;
import static io.cortexsync.schema.json.JsonValuesIO.text;
import static io.cortexsync.schema.json.JsonValuesIO.vector;

/** {@link SyncEntity} as JSON: id, table, vector, metadata, timestamp, workspace_id, version. */
final class SyncEntityJson extends JsonCodec<SyncEntity> {

    private static final long serialVersionUID = 1L;
    private static final String NAME = "SyncEntity";

    SyncEntityJson() {
        super(NAME, "the entity");
    }

    @Override
    void writeFields(JsonGenerator gen, SyncEntity e) throws IOException {
        gen.writeStringField("id", e.id().canonical());
        gen.writeStringField("table", e.table());
        JsonValuesIO.writeVector(gen, "vector", e.vector());
        gen.writeFieldName("metadata");
        JsonValuesIO.writeValue(gen, e.metadata());
        gen.writeStringField("timestamp", e.timestamp().toString());
        gen.writeStringField("workspace_id", e.workspaceId());
        if (e.version() != null) {
            gen.writeNumberField("version", e.version());
        }
    }

    @Override
    SyncEntity readFields(JsonParser p) throws IOException {
        String id = null;
        String table = null;
        float[] vector = null;
        Map<String, Object> metadata = null;
        Instant timestamp = null;
        String workspaceId = null;
        Long version = null;
        for (String field = nextField(p); field != null; field = nextField(p)) {
            switch (field) {
                case "id" -> id = text(p, NAME, field);
                case "table" -> table = text(p, NAME, field);
                case "vector" -> vector = vector(p, NAME, field);
                case "metadata" -> metadata = object(p, NAME, field);
                case "timestamp" -> timestamp = instant(p, NAME, field);
                case "workspace_id" -> workspaceId = text(p, NAME, field);
                case "version" -> version = integer(p, NAME, field);
                default -> p.skipChildren();
            }
        }
        return SyncEntity.builder()
                .id(JsonValuesIO.recordId(required(id, "id"), table, NAME))
                .vector(required(vector, "vector"))
                .metadata(metadata == null ? Map.of() : metadata)
                .timestamp(required(timestamp, "timestamp"))
                .workspaceId(required(workspaceId, "workspace_id"))
                .version(version)
                .build();
    }
}
