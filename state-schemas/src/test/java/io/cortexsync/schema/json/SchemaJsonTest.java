package io.cortexsync.schema.json;

import io.cortexsync.schema.TestRecords;
import io.cortexsync.schema.model.DeadLetter;
import io.cortexsync.schema.model.EntityChange;
import io.cortexsync.schema.model.RepairRecord;
import io.cortexsync.schema.model.SyncEntity;
import io.cortexsync.schema.model.SyncEvent;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SchemaJsonTest {

    private static final String ENTITY_JSON =
            "{\"id\":\"doc:⟨hello"
                + " world⟩\",\"table\":\"doc\",\"vector\":[0.1,-1.25,3.0],\"metadata\":{\"title\":\"Héllo"
                + " ⟩ 🚀\",\"n\":1,\"x\":1.5,\"big\":12345678901234567890,\"tags\":[\"a\",\"b\"],"
                + "\"nested\":{\"b\":true,\"a\":null}},"
                + "\"timestamp\":\"2026-11-25T08:30:00.123Z\",\"workspace_id\":\"ws-1\",\"version\":7}";

    @Test
    void goldenSyncEntity() {
        assertThat(SchemaJson.SYNC_ENTITY.writeString(TestRecords.entity())).isEqualTo(ENTITY_JSON);
        assertThat(SchemaJson.SYNC_ENTITY.read(ENTITY_JSON)).isEqualTo(TestRecords.entity());
        assertThat(SchemaJson.SYNC_ENTITY.writeString(TestRecords.minimalEntity()))
                .isEqualTo(
                        "{\"id\":\"doc:42\",\"table\":\"doc\",\"vector\":[],\"metadata\":{},"
                            + "\"timestamp\":\"2026-11-25T08:30:01.000000456Z\",\"workspace_id\":\"ws-1\"}");
        assertThat(SchemaJson.SYNC_ENTITY.writeString(TestRecords.nonFiniteEntity()))
                .isEqualTo(
                        "{\"id\":\"doc:0190c5b2-7d4e-7a11-8f00-123456789abc\",\"table\":\"doc\","
                            + "\"vector\":[\"NaN\",\"Infinity\",\"-Infinity\",-0.0],\"metadata\":{},"
                            + "\"timestamp\":\"2026-11-25T08:30:01.000000456Z\",\"workspace_id\":\"ws-2\"}");
    }

    @Test
    void goldenEntityChange() {
        assertThat(SchemaJson.ENTITY_CHANGE.writeString(TestRecords.upsert()))
                .isEqualTo(
                        "{\"op\":\"UPSERT\",\"request_id\":\"req-1\","
                                + "\"time\":\"2026-11-25T08:30:01.000000456Z\",\"entity\":"
                                + ENTITY_JSON
                                + "}");
        String delete =
                "{\"op\":\"DELETE\",\"request_id\":\"req-2\","
                    + "\"time\":\"2026-11-25T08:30:01.000000456Z\",\"id\":\"doc:42\",\"table\":\"doc\"}";
        assertThat(SchemaJson.ENTITY_CHANGE.writeString(TestRecords.delete())).isEqualTo(delete);
        assertThat(SchemaJson.ENTITY_CHANGE.read(delete)).isEqualTo(TestRecords.delete());
        String versioned =
                "{\"op\":\"DELETE\",\"request_id\":\"req-3\","
                    + "\"time\":\"2026-11-25T08:30:01.000000456Z\",\"id\":\"doc:⟨hello world⟩\",\"table\":\"doc\",\"version\":9}";
        assertThat(SchemaJson.ENTITY_CHANGE.writeString(TestRecords.versionedDelete())).isEqualTo(versioned);
        assertThat(SchemaJson.ENTITY_CHANGE.read(versioned).version()).isEqualTo(9L);
        assertThat(TestRecords.upsert().version()).isEqualTo(TestRecords.entity().version());
    }

    @Test
    void goldenSyncEvent() {
        String json =
                "{\"type\":\"RETRYING\",\"entity_id\":\"doc:42\",\"request_id\":\"req-2\","
                        + "\"detail\":\"qdrant: UNAVAILABLE\",\"attempt\":2,\"latency_ms\":150,"
                        + "\"time\":\"2026-11-25T08:30:00.123Z\"}";
        assertThat(SchemaJson.SYNC_EVENT.writeString(TestRecords.event())).isEqualTo(json);
        assertThat(SchemaJson.SYNC_EVENT.read(json)).isEqualTo(TestRecords.event());
        assertThat(SchemaJson.SYNC_EVENT.writeString(TestRecords.minimalEvent()))
                .isEqualTo(
                        "{\"type\":\"DEAD_LETTER\",\"detail\":\"\",\"attempt\":0,\"latency_ms\":0,"
                                + "\"time\":\"2026-11-25T08:30:01.000000456Z\"}");
    }

    @Test
    void anOrphanWithANumericIdAndNoTableIsANumberInJson() {
        String json = "{\"kind\":\"ORPHAN_VECTOR\",\"point_id\":18446744073709551615,\"partition\":0,"
                + "\"target_hash\":\"957afd9712c3fb7733aea800a2a4efa7\","
                + "\"time\":\"2026-11-25T08:30:00.123Z\",\"action\":\"DELETE_POINT\"}";
        assertThat(SchemaJson.REPAIR_RECORD.writeString(TestRecords.numericOrphan())).isEqualTo(json);
        assertThat(SchemaJson.REPAIR_RECORD.read(json)).isEqualTo(TestRecords.numericOrphan());
        String small = json.replace("18446744073709551615", "42");
        assertThat(SchemaJson.REPAIR_RECORD.read(small).pointId().toString()).isEqualTo("42");

        for (String bad : new String[] {"-1", "18446744073709551616", "1.5", "\"not-a-uuid\"", "true"}) {
            assertThatThrownBy(() -> SchemaJson.REPAIR_RECORD.read(json.replace("18446744073709551615", bad)))
                    .as(bad)
                    .isInstanceOf(SchemaJsonException.class)
                    .hasMessageStartingWith("RepairRecord: field 'point_id'");
        }
        // a table may be left out for an orphan only
        String mismatchWithoutTable = "{\"kind\":\"MISMATCH\",\"entity_id\":\"doc:42\",\"partition\":208,"
                + "\"time\":\"2026-11-25T08:30:00.123Z\"}";
        assertThatThrownBy(() -> SchemaJson.REPAIR_RECORD.read(mismatchWithoutTable))
                .isInstanceOf(SchemaJsonException.class)
                .hasMessage("RepairRecord: table is required for MISMATCH");
    }

    @Test
    void goldenRepairRecord() {
        String json =
                "{\"kind\":\"MISMATCH\",\"entity_id\":\"doc:42\","
                        + "\"point_id\":\"d02745a2-dc01-51b9-b1c7-61980bf220de\",\"table\":\"doc\","
                        + "\"partition\":208,\"source_hash\":\"078815cfff0ec39e5993feb86ca62709\","
                        + "\"target_hash\":\"957afd9712c3fb7733aea800a2a4efa7\","
                        + "\"time\":\"2026-11-25T08:30:00.123Z\",\"action\":\"UPSERT_POINT\"}";
        assertThat(SchemaJson.REPAIR_RECORD.writeString(TestRecords.mismatch())).isEqualTo(json);
        assertThat(SchemaJson.REPAIR_RECORD.read(json)).isEqualTo(TestRecords.mismatch());
        assertThat(SchemaJson.REPAIR_RECORD.writeString(TestRecords.orphanWithoutId()))
                .isEqualTo(
                        "{\"kind\":\"ORPHAN_VECTOR\",\"point_id\":\"a3898253-fe00-510e-b95b-839a2e19dfb8\","
                            + "\"table\":\"doc\",\"partition\":163,"
                            + "\"time\":\"2026-11-25T08:30:01.000000456Z\",\"action\":\"NONE\"}");
    }

    @Test
    void goldenDeadLetter() {
        String json =
                "{\"raw\":\"{\\\"id\\\":\\\"doc:1\\\",\\\"vector\\\":[NaN]}\",\"reason\":\"vector"
                    + " element 0 is NaN\",\"stage\":\"validate\",\"record_id\":\"doc:1\","
                    + "\"time\":\"2026-11-25T08:30:00.123Z\"}";
        assertThat(SchemaJson.DEAD_LETTER.writeString(TestRecords.deadLetter())).isEqualTo(json);
        assertThat(SchemaJson.DEAD_LETTER.read(json)).isEqualTo(TestRecords.deadLetter());
        assertThat(SchemaJson.DEAD_LETTER.writeString(TestRecords.deadLetterWithoutId()))
                .isEqualTo(
                        "{\"raw\":\"not json \\u0000 at all\",\"reason\":\"unparsable JSON\","
                            + "\"stage\":\"parse\",\"time\":\"2026-11-25T08:30:01.000000456Z\"}");
    }

    @Test
    void everyRecordRoundTrips() {
        for (Object record : TestRecords.all()) {
            JsonCodec<Object> codec = codecFor(record);
            assertThat(codec.read(codec.write(record))).as(record.toString()).isEqualTo(record);
        }
    }

    @Test
    void readsOptionalFieldsAndIgnoresUnknownOnes() {
        SyncEntity entity =
                SchemaJson.SYNC_ENTITY.read(
                        "{\"future\":{\"x\":[1,{\"y\":2}]},\"id\":\"doc:7\",\"vector\":[1,2],"
                            + "\"timestamp\":1700000000000,\"workspace_id\":\"w\",\"also_new\":null}");
        assertThat(entity.id().key()).isEqualTo(7L);
        assertThat(entity.vector()).containsExactly(1f, 2f);
        assertThat(entity.metadata()).isEmpty();
        assertThat(entity.version()).isNull();
        assertThat(entity.timestamp()).isEqualTo(Instant.ofEpochMilli(1700000000000L));

        SyncEvent event =
                SchemaJson.SYNC_EVENT.read(
                        "{\"type\":\"SYNCED\",\"time\":\"2026-11-25T09:30:00+01:00\",\"new\":true}");
        assertThat(event.time()).isEqualTo(Instant.parse("2026-11-25T08:30:00Z"));
        assertThat(event.detail()).isEmpty();
        assertThat(event.entityId()).isNull();

        RepairRecord repair =
                SchemaJson.REPAIR_RECORD.read(
                        "{\"kind\":\"MISSING_VECTOR\",\"entity_id\":\"doc:42\",\"table\":\"doc\","
                                + "\"partition\":208,\"time\":\"2026-11-25T08:30:00Z\"}");
        assertThat(repair.pointId()).hasToString("d02745a2-dc01-51b9-b1c7-61980bf220de");
        assertThat(repair.action()).isEqualTo(RepairRecord.Action.UPSERT_POINT);
    }

    @Test
    void metadataNumbersKeepTheirValues() {
        SyncEntity entity =
                SchemaJson.SYNC_ENTITY.read(
                        "{\"id\":\"doc:7\",\"vector\":[],\"timestamp\":0,\"workspace_id\":\"w\","
                            + "\"metadata\":{\"i\":3,\"l\":9007199254740993,\"b\":123456789012345678901,"
                            + "\"d\":0.1,\"e\":1e300,\"list\":[1,2.5,null,false]}}");
        assertThat(entity.metadata())
                .containsEntry("i", 3L)
                .containsEntry("l", 9007199254740993L)
                .containsEntry("b", new BigInteger("123456789012345678901"))
                .containsEntry("d", 0.1)
                .containsEntry("e", 1e300);
        assertThat(entity.metadata().get("list"))
                .isEqualTo(java.util.Arrays.asList(1L, 2.5, null, false));
    }

    @Test
    void vectorElementsAreRoundedOnceFromTheirText() {
        // Through a double this decimal lands on a float midpoint and rounds to 1.0f.
        SyncEntity entity =
                SchemaJson.SYNC_ENTITY.read(
                        "{\"id\":\"doc:1\",\"vector\":[1.00000005960464477550,0.1,16777217],"
                                + "\"timestamp\":0,\"workspace_id\":\"w\"}");
        assertThat(entity.vector()).containsExactly(Math.nextUp(1.0f), 0.1f, 16777216f);
    }

    @Test
    void nonFiniteVectorElementsReachTheEntity() {
        SyncEntity entity =
                SchemaJson.SYNC_ENTITY.read(
                        "{\"id\":\"doc:1\",\"vector\":[NaN,\"Infinity\",-Infinity,1],"
                                + "\"timestamp\":0,\"workspace_id\":\"w\"}");
        assertThat(entity.vector()[0]).isNaN();
        assertThat(entity.vector()[1]).isEqualTo(Float.POSITIVE_INFINITY);
        assertThat(entity.vector()[2]).isEqualTo(Float.NEGATIVE_INFINITY);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"vector\":[],\"timestamp\":0,\"workspace_id\":\"w\"}|required field 'id' is"
                    + " missing",
                "{\"id\":null,\"vector\":[],\"timestamp\":0,\"workspace_id\":\"w\"}|required field"
                    + " 'id'",
                "{\"id\":\"doc:1\",\"timestamp\":0,\"workspace_id\":\"w\"}|required field 'vector'",
                "{\"id\":\"doc:1\",\"vector\":[],\"workspace_id\":\"w\"}|required field"
                    + " 'timestamp'",
                "{\"id\":\"doc:1\",\"vector\":[],\"timestamp\":0}|required field 'workspace_id'",
                "{\"id\":\"doc:1\",\"vector\":[],\"timestamp\":0,\"workspace_id\":\""
                    + " \"}|workspaceId must not be blank",
                "{\"id\":\"doc:hello"
                    + " world\",\"vector\":[],\"timestamp\":0,\"workspace_id\":\"w\"}|field 'id'",
                "{\"id\":\"doc:1\",\"table\":\"other\",\"vector\":[],\"timestamp\":0,\"workspace_id\":\"w\"}|field"
                    + " 'table'",
                "{\"id\":\"doc:1\",\"vector\":[\"x\"],\"timestamp\":0,\"workspace_id\":\"w\"}|field"
                    + " 'vector' element 0",
                "{\"id\":\"doc:1\",\"vector\":{},\"timestamp\":0,\"workspace_id\":\"w\"}|field"
                    + " 'vector' must be an array",
                "{\"id\":\"doc:1\",\"vector\":[],\"timestamp\":\"yesterday\",\"workspace_id\":\"w\"}|field"
                    + " 'timestamp' is not an ISO-8601",
                "{\"id\":\"doc:1\",\"vector\":[],\"timestamp\":0,\"workspace_id\":\"w\",\"version\":1.5}|field"
                    + " 'version' must be a 64-bit integer",
                "{\"id\":\"doc:1\",\"vector\":[],\"timestamp\":0,\"workspace_id\":\"w\",\"metadata\":{\"x\":NaN}}|metadata.x"
                    + " is NaN",
                "{\"id\":\"doc:1\",\"vector\":[],\"timestamp\":0,\"workspace_id\":\"w\",\"metadata\":[]}|field"
                    + " 'metadata' must be an object",
                "{\"id\":\"doc:1\",|malformed JSON",
                "{\"id\":\"doc:1\",\"id\":\"doc:2\",\"vector\":[],\"timestamp\":0,\"workspace_id\":\"w\"}|Duplicate field 'id'",
                "[]|must be a JSON object",
                "{\"id\":\"doc:1\",\"vector\":[],\"timestamp\":0,\"workspace_id\":\"w\"}"
                    + " {}|unexpected content"
            })
    void entityErrorsNameTheField(String json, String message) {
        assertThatThrownBy(() -> SchemaJson.SYNC_ENTITY.read(json))
                .isInstanceOf(SchemaJsonException.class)
                .hasMessageStartingWith("SyncEntity: ")
                .hasMessageContaining(message);
    }

    @Test
    void otherRecordsNameTheirMissingFields() {
        assertThatThrownBy(
                        () ->
                                SchemaJson.ENTITY_CHANGE.read(
                                        "{\"op\":\"UPSERT\",\"request_id\":\"r\",\"time\":0}"))
                .isInstanceOf(SchemaJsonException.class)
                .hasMessage("EntityChange: required field 'entity' is missing or null");
        assertThatThrownBy(
                        () ->
                                SchemaJson.ENTITY_CHANGE.read(
                                        "{\"op\":\"DELETE\",\"request_id\":\"r\",\"time\":0}"))
                .hasMessage("EntityChange: required field 'id' is missing or null");
        assertThatThrownBy(
                        () ->
                                SchemaJson.ENTITY_CHANGE.read(
                                        "{\"op\":\"MERGE\",\"request_id\":\"r\",\"time\":0}"))
                .hasMessageContaining("field 'op' must be one of [UPSERT, DELETE], got 'MERGE'");
        assertThatThrownBy(() -> SchemaJson.SYNC_EVENT.read("{\"time\":0}"))
                .hasMessage("SyncEvent: required field 'type' is missing or null");
        assertThatThrownBy(
                        () ->
                                SchemaJson.SYNC_EVENT.read(
                                        "{\"type\":\"SYNCED\",\"time\":0,\"attempt\":-1}"))
                .hasMessage("SyncEvent: attempt must not be negative, got -1");
        assertThatThrownBy(
                        () ->
                                SchemaJson.SYNC_EVENT.read(
                                        "{\"type\":\"SYNCED\",\"time\":0,\"attempt\":3000000000}"))
                .hasMessageContaining("field 'attempt' must be a 32-bit integer");
        assertThatThrownBy(
                        () ->
                                SchemaJson.REPAIR_RECORD.read(
                                        "{\"kind\":\"MISMATCH\",\"entity_id\":\"doc:1\",\"table\":\"doc\",\"time\":0}"))
                .hasMessage("RepairRecord: required field 'partition' is missing or null");
        assertThatThrownBy(
                        () ->
                                SchemaJson.REPAIR_RECORD.read(
                                        "{\"kind\":\"MISMATCH\",\"entity_id\":\"doc:1\",\"table\":\"doc\",\"time\":0,"
                                            + "\"partition\":1,\"source_hash\":\"ABC\"}"))
                .hasMessageContaining("sourceHash must be 32 lower-case hex characters");
        assertThatThrownBy(
                        () ->
                                SchemaJson.REPAIR_RECORD.read(
                                        "{\"kind\":\"ORPHAN_VECTOR\",\"table\":\"doc\",\"time\":0,\"partition\":1,"
                                            + "\"point_id\":\"nope\"}"))
                .hasMessageContaining("field 'point_id' is not a UUID");
        assertThatThrownBy(
                        () ->
                                SchemaJson.DEAD_LETTER.read(
                                        "{\"raw\":\"x\",\"stage\":\"s\",\"time\":0}"))
                .hasMessage("DeadLetter: required field 'reason' is missing or null");
    }

    @Test
    void codecsAreSerializable() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(SchemaJson.SYNC_ENTITY);
        }
        try (ObjectInputStream in =
                new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            @SuppressWarnings("unchecked")
            JsonCodec<SyncEntity> copy = (JsonCodec<SyncEntity>) in.readObject();
            assertThat(copy.read(ENTITY_JSON)).isEqualTo(TestRecords.entity());
        }
    }

    @SuppressWarnings("unchecked")
    private static JsonCodec<Object> codecFor(Object record) {
        Map<Class<?>, JsonCodec<?>> codecs =
                Map.of(
                        SyncEntity.class, SchemaJson.SYNC_ENTITY,
                        EntityChange.class, SchemaJson.ENTITY_CHANGE,
                        SyncEvent.class, SchemaJson.SYNC_EVENT,
                        RepairRecord.class, SchemaJson.REPAIR_RECORD,
                        DeadLetter.class, SchemaJson.DEAD_LETTER);
        return (JsonCodec<Object>) codecs.get(record.getClass());
    }
}
