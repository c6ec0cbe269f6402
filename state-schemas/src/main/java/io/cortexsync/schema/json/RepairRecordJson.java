package io.cortexsync.schema.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.cortexsync.schema.model.RepairRecord;
import io.cortexsync.schema.model.TargetPointId;

import java.io.IOException;
import java.math.BigInteger;
import java.time.Instant;
import java.util.UUID;

import static io.cortexsync.schema.json.JsonValuesIO.enumValue;
import static io.cortexsync.schema.json.JsonValuesIO.instant;
import static io.cortexsync.schema.json.JsonValuesIO.int32;
import static io.cortexsync.schema.json.JsonValuesIO.text;
import static io.cortexsync.schema.json.JsonValuesIO.uuid;
import static io.cortexsync.schema.json.JsonValuesIO.writeOptional;

/**
 * {@link RepairRecord} as JSON: kind, entity_id, point_id (a UUID string, or a number for a numeric
 * Qdrant id), table (absent for an orphan without one), partition, source_hash, target_hash, time,
 * action.
 */
final class RepairRecordJson extends JsonCodec<RepairRecord> {

    private static final long serialVersionUID = 1L;
    private static final String NAME = "RepairRecord";

    RepairRecordJson() {
        super(NAME, "the repair record");
    }

    @Override
    void writeFields(JsonGenerator gen, RepairRecord r) throws IOException {
        gen.writeStringField("kind", r.kind().name());
        writeOptional(gen, "entity_id", r.entityId());
        if (r.pointId().isUuid()) {
            gen.writeStringField("point_id", r.pointId().toString());
        } else {
            // a number, as Qdrant writes numeric ids; past 2^63 still exact
            gen.writeFieldName("point_id");
            gen.writeNumber(r.pointId().numberValue());
        }
        writeOptional(gen, "table", r.table());
        gen.writeNumberField("partition", r.partition());
        writeOptional(gen, "source_hash", r.sourceHash());
        writeOptional(gen, "target_hash", r.targetHash());
        gen.writeStringField("time", r.time().toString());
        gen.writeStringField("action", r.action().name());
    }

    /** A UUID string, or an integer from 0 to 2^64-1 for a numeric Qdrant id. */
    private static TargetPointId pointId(JsonParser p, String field) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NUMBER_INT) {
            BigInteger value = p.getBigIntegerValue();
            if (value.signum() < 0 || value.bitLength() > 64) {
                throw new SchemaJsonException(NAME + ": field '" + field + "' is no point id: " + value
                        + " (a numeric id is from 0 to 2^64-1)");
            }
            return TargetPointId.ofNumber(value.longValue());
        }
        if (t != JsonToken.VALUE_STRING) {
            throw new SchemaJsonException(NAME + ": field '" + field + "' must be a UUID string or an integer, got " + t);
        }
        UUID uuid = uuid(p, NAME, field);
        return TargetPointId.of(uuid);
    }

    @Override
    RepairRecord readFields(JsonParser p) throws IOException {
        RepairRecord.Builder b = RepairRecord.builder();
        RepairRecord.Kind kind = null;
        String table = null;
        Integer partition = null;
        Instant time = null;
        for (String field = nextField(p); field != null; field = nextField(p)) {
            switch (field) {
                case "kind" -> kind = enumValue(p, RepairRecord.Kind.class, NAME, field);
                case "entity_id" -> b.entityId(text(p, NAME, field));
                case "point_id" -> b.pointId(pointId(p, field));
                case "table" -> table = text(p, NAME, field);
                case "partition" -> partition = int32(p, NAME, field);
                case "source_hash" -> b.sourceHash(text(p, NAME, field));
                case "target_hash" -> b.targetHash(text(p, NAME, field));
                case "time" -> time = instant(p, NAME, field);
                case "action" -> b.action(enumValue(p, RepairRecord.Action.class, NAME, field));
                default -> p.skipChildren();
            }
        }
        return b.kind(required(kind, "kind"))
                .table(table)
                .partition(required(partition, "partition"))
                .time(required(time, "time"))
                .build();
    }
}
