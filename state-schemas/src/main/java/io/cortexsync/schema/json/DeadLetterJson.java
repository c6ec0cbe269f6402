package io.cortexsync.schema.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.cortexsync.schema.model.DeadLetter;

import java.io.IOException;
import java.time.Instant;

import static io.cortexsync.schema.json.JsonValuesIO.instant;
import static io.cortexsync.schema.json.JsonValuesIO.text;
import static io.cortexsync.schema.json.JsonValuesIO.writeOptional;

/** {@link DeadLetter} as JSON: raw, reason, stage, record_id, time. */
final class DeadLetterJson extends JsonCodec<DeadLetter> {

    private static final long serialVersionUID = 1L;
    private static final String NAME = "DeadLetter";

    DeadLetterJson() {
        super(NAME);
    }

    @Override
    void writeObject(JsonGenerator gen, DeadLetter d) throws IOException {
        gen.writeStartObject();
        gen.writeStringField("raw", d.raw());
        gen.writeStringField("reason", d.reason());
        gen.writeStringField("stage", d.stage());
        writeOptional(gen, "record_id", d.recordId());
        gen.writeStringField("time", d.time().toString());
        gen.writeEndObject();
    }

    @Override
    DeadLetter readObject(JsonParser p) throws IOException {
        expectObject(p, "the dead letter");
        String raw = null;
        String reason = null;
        String stage = null;
        String recordId = null;
        Instant time = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "raw":
                    raw = text(p, NAME, field);
                    break;
                case "reason":
                    reason = text(p, NAME, field);
                    break;
                case "stage":
                    stage = text(p, NAME, field);
                    break;
                case "record_id":
                    recordId = text(p, NAME, field);
                    break;
                case "time":
                    time = instant(p, NAME, field);
                    break;
                default:
                    p.skipChildren();
            }
        }
        return DeadLetter.of(
                required(raw, "raw"),
                required(reason, "reason"),
                required(stage, "stage"),
                recordId,
                required(time, "time"));
    }
}
