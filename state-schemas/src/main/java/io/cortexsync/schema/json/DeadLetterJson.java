package io.cortexsync.schema.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
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
        super(NAME, "the dead letter");
    }

    @Override
    void writeFields(JsonGenerator gen, DeadLetter d) throws IOException {
        gen.writeStringField("raw", d.raw());
        gen.writeStringField("reason", d.reason());
        gen.writeStringField("stage", d.stage());
        writeOptional(gen, "record_id", d.recordId());
        gen.writeStringField("time", d.time().toString());
    }

    @Override
    DeadLetter readFields(JsonParser p) throws IOException {
        String raw = null;
        String reason = null;
        String stage = null;
        String recordId = null;
        Instant time = null;
        for (String field = nextField(p); field != null; field = nextField(p)) {
            switch (field) {
                case "raw" -> raw = text(p, NAME, field);
                case "reason" -> reason = text(p, NAME, field);
                case "stage" -> stage = text(p, NAME, field);
                case "record_id" -> recordId = text(p, NAME, field);
                case "time" -> time = instant(p, NAME, field);
                default -> p.skipChildren();
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
