package io.cortexsync.schema.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import io.cortexsync.schema.model.SyncEvent;

import java.io.IOException;
import java.time.Instant;

import static io.cortexsync.schema.json.JsonValuesIO.enumValue;
import static io.cortexsync.schema.json.JsonValuesIO.instant;
import static io.cortexsync.schema.json.JsonValuesIO.int32;
import static io.cortexsync.schema.json.JsonValuesIO.integer;
import static io.cortexsync.schema.json.JsonValuesIO.text;
import static io.cortexsync.schema.json.JsonValuesIO.writeOptional;

/** {@link SyncEvent} as JSON: type, entity_id, request_id, detail, attempt, latency_ms, time. */
final class SyncEventJson extends JsonCodec<SyncEvent> {

    private static final long serialVersionUID = 1L;
    private static final String NAME = "SyncEvent";

    SyncEventJson() {
        super(NAME, "the event");
    }

    @Override
    void writeFields(JsonGenerator gen, SyncEvent e) throws IOException {
        gen.writeStringField("type", e.type().name());
        writeOptional(gen, "entity_id", e.entityId());
        writeOptional(gen, "request_id", e.requestId());
        gen.writeStringField("detail", e.detail());
        gen.writeNumberField("attempt", e.attempt());
        gen.writeNumberField("latency_ms", e.latencyMs());
        gen.writeStringField("time", e.time().toString());
    }

    @Override
    SyncEvent readFields(JsonParser p) throws IOException {
        SyncEvent.Builder b = SyncEvent.builder();
        SyncEvent.Type type = null;
        Instant time = null;
        for (String field = nextField(p); field != null; field = nextField(p)) {
            switch (field) {
                case "type" -> type = enumValue(p, SyncEvent.Type.class, NAME, field);
                case "entity_id" -> b.entityId(text(p, NAME, field));
                case "request_id" -> b.requestId(text(p, NAME, field));
                case "detail" -> {
                    String detail = text(p, NAME, field);
                    b.detail(detail == null ? "" : detail);
                }
                case "attempt" -> {
                    Integer attempt = int32(p, NAME, field);
                    b.attempt(attempt == null ? 0 : attempt);
                }
                case "latency_ms" -> {
                    Long latency = integer(p, NAME, field);
                    b.latencyMs(latency == null ? 0 : latency);
                }
                case "time" -> time = instant(p, NAME, field);
                default -> p.skipChildren();
            }
        }
        return b.type(required(type, "type")).time(required(time, "time")).build();
    }
}
