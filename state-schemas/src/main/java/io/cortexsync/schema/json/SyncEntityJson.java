package io.cortexsync.schema.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
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
        super(NAME);
    }

    @Override
    void writeObject(JsonGenerator gen, SyncEntity e) throws IOException {
        gen.writeStartObject();
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
        gen.writeEndObject();
    }

    @Override
    SyncEntity readObject(JsonParser p) throws IOException {
        expectObject(p, "the entity");
        String id = null;
        String table = null;
        float[] vector = null;
        Map<String, Object> metadata = null;
        Instant timestamp = null;
        String workspaceId = null;
        Long version = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "id":
                    id = text(p, NAME, field);
                    break;
                case "table":
                    table = text(p, NAME, field);
                    break;
                case "vector":
                    vector = vector(p, NAME, field);
                    break;
                case "metadata":
                    metadata = object(p, NAME, field);
                    break;
                case "timestamp":
                    timestamp = instant(p, NAME, field);
                    break;
                case "workspace_id":
                    workspaceId = text(p, NAME, field);
                    break;
                case "version":
                    version = integer(p, NAME, field);
                    break;
                default:
                    p.skipChildren();
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
