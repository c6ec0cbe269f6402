package io.cortexsync.schema.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.cortexsync.schema.ids.RecordId;
import io.cortexsync.schema.model.EntityChange;
import io.cortexsync.schema.model.SyncEntity;

import java.io.IOException;
import java.time.Instant;

import static io.cortexsync.schema.json.JsonValuesIO.enumValue;
import static io.cortexsync.schema.json.JsonValuesIO.instant;
import static io.cortexsync.schema.json.JsonValuesIO.text;

/**
 * {@link EntityChange} as JSON: op, request_id, time, and entity (UPSERT) or id, table and an
 * optional version (DELETE).
 */
final class EntityChangeJson extends JsonCodec<EntityChange> {

    private static final long serialVersionUID = 1L;
    private static final String NAME = "EntityChange";
    private static final SyncEntityJson ENTITY = new SyncEntityJson();

    EntityChangeJson() {
        super(NAME, "the change");
    }

    @Override
    void writeFields(JsonGenerator gen, EntityChange c) throws IOException {
        gen.writeStringField("op", c.operation().name());
        gen.writeStringField("request_id", c.requestId());
        gen.writeStringField("time", c.time().toString());
        if (c.isDelete()) {
            gen.writeStringField("id", c.recordId().canonical());
            gen.writeStringField("table", c.table());
            if (c.version() != null) {
                gen.writeNumberField("version", c.version());
            }
        } else {
            gen.writeFieldName("entity");
            ENTITY.writeObject(gen, c.entity());
        }
    }

    @Override
    EntityChange readFields(JsonParser p) throws IOException {
        EntityChange.Operation op = null;
        String requestId = null;
        Instant time = null;
        String id = null;
        String table = null;
        SyncEntity entity = null;
        Long version = null;
        for (String field = nextField(p); field != null; field = nextField(p)) {
            switch (field) {
                case "op" -> op = enumValue(p, EntityChange.Operation.class, NAME, field);
                case "request_id" -> requestId = text(p, NAME, field);
                case "time" -> time = instant(p, NAME, field);
                case "id" -> id = text(p, NAME, field);
                case "table" -> table = text(p, NAME, field);
                case "version" -> version = JsonValuesIO.integer(p, NAME, field);
                case "entity" -> {
                    if (p.currentToken() != JsonToken.VALUE_NULL) {
                        entity = ENTITY.readObject(p);
                    }
                }
                default -> p.skipChildren();
            }
        }
        required(op, "op");
        required(requestId, "request_id");
        required(time, "time");
        if (op == EntityChange.Operation.UPSERT) {
            return EntityChange.upsert(requestId, required(entity, "entity"), time);
        }
        RecordId recordId = JsonValuesIO.recordId(required(id, "id"), table, NAME);
        return EntityChange.delete(requestId, recordId, version, time);
    }
}
