package io.cortexsync.connector.surrealdb.source.convert;

import io.cortexsync.connector.surrealdb.client.SurrealRecordId;
import io.cortexsync.connector.surrealdb.source.changes.Versionstamps;
import io.cortexsync.connector.surrealdb.source.record.SurrealChange;
import io.cortexsync.connector.surrealdb.source.record.SurrealChangeSerializer;
import io.cortexsync.schema.model.DeadLetter;
import io.cortexsync.schema.model.EntityChange;
import io.cortexsync.schema.serialization.SchemaTypes;

import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every change to one output in order, markers and bad records to their side outputs, request ids and times. */
class EntityChangeConverterTest {

    private static final SyncEntityMapping MAPPING = SyncEntityMapping.builder().vectorField("v").workspaceId("ws").build();

    /** A versionstamp of SurrealDB 3.x: the commit millisecond, shifted. */
    private static final long VS = Versionstamps.ofMillis(Instant.parse("2026-12-04T23:00:00Z").toEpochMilli()) | 3;

    private static Map<String, Object> record(SurrealRecordId id, float... vector) {
        return Map.of("id", id, "v", vector, "title", "t");
    }

    @Test
    void upsertsAndDeletesOfOneRecordLeaveInOneStreamInTheirOrder() throws Exception {
        SurrealRecordId id = SurrealRecordId.of("docs", "a⟩b");
        try (OneInputStreamOperatorTestHarness<SurrealChange, EntityChange> harness =
                harness(new EntityChangeConverter(MAPPING), SchemaTypes.ENTITY_CHANGE)) {
            harness.processElement(SurrealChange.read(id, record(id, 1f, 2f), VS), 0);
            harness.processElement(SurrealChange.upsert(id, record(id, 3f, 4f), VS + 1), 0);
            harness.processElement(SurrealChange.delete(id, VS + 2), 0);
            harness.processElement(SurrealChange.upsert(id, record(id, 5f, 6f), VS + 3), 0);

            List<EntityChange> out = harness.extractOutputValues();
            assertThat(out).extracting(EntityChange::operation).containsExactly(
                    EntityChange.Operation.UPSERT, EntityChange.Operation.UPSERT,
                    EntityChange.Operation.DELETE, EntityChange.Operation.UPSERT);
            assertThat(out).extracting(EntityChange::requestId).containsExactly(
                    VS + ":" + id, (VS + 1) + ":" + id, (VS + 2) + ":" + id, (VS + 3) + ":" + id);
            assertThat(out).allSatisfy(change -> assertThat(change.recordId().canonical()).isEqualTo(id.toString()));
            assertThat(out).allSatisfy(change -> assertThat(change.time()).isEqualTo(Instant.parse("2026-12-04T23:00:00Z")));
            assertThat(out.get(3).entity().vector()).containsExactly(5f, 6f);
            assertThat(harness.getSideOutput(EntityChangeConverter.DEAD_LETTERS)).isNull();
        }
    }

    @Test
    void aSnapshotWithoutVersionstampsAndA2xCounterTakeTheTimeTheyAreSeen() throws Exception {
        SurrealRecordId id = SurrealRecordId.of("docs", 7L);
        try (OneInputStreamOperatorTestHarness<SurrealChange, EntityChange> harness =
                harness(new EntityChangeConverter(MAPPING), SchemaTypes.ENTITY_CHANGE)) {
            Instant before = Instant.now();
            harness.processElement(SurrealChange.read(id, record(id, 1f)), 0);
            // SurrealDB 2.x numbers its commits: 3 << 16 is no time
            harness.processElement(SurrealChange.delete(id, 3L << 16), 0);
            Instant after = Instant.now();
            List<EntityChange> out = harness.extractOutputValues();
            assertThat(out).extracting(EntityChange::requestId).containsExactly("snapshot:docs:7", (3L << 16) + ":docs:7");
            assertThat(out).allSatisfy(change -> assertThat(change.time()).isBetween(before, after));
        }
    }

    @Test
    void markersGoToTheSnapshotsOutputAndBadRecordsToTheDeadLetters() throws Exception {
        SurrealRecordId bad = SurrealRecordId.of("docs", "no vector");
        SurrealRecordId array = SurrealRecordId.ofKey("docs", List.of(1L, "x"));
        Instant started = Instant.parse("2026-12-04T22:59:00Z");
        try (OneInputStreamOperatorTestHarness<SurrealChange, EntityChange> harness =
                harness(new EntityChangeConverter(MAPPING), SchemaTypes.ENTITY_CHANGE)) {
            harness.processElement(SurrealChange.snapshotDone("docs", started, VS), 0);
            harness.processElement(SurrealChange.snapshotDone("notes", started, VS), 0);
            harness.processElement(SurrealChange.upsert(bad, Map.of("id", bad, "title", "x"), VS), 0);
            harness.processElement(SurrealChange.delete(array, VS + 1), 0);

            assertThat(harness.extractOutputValues()).isEmpty();
            assertThat(harness.getSideOutput(EntityChangeConverter.SNAPSHOTS).stream().map(StreamRecord::getValue)
                    .collect(Collectors.toList()))
                    .containsExactly(new SnapshotDone("docs", started), new SnapshotDone("notes", started));
            List<DeadLetter> letters = harness.getSideOutput(EntityChangeConverter.DEAD_LETTERS).stream()
                    .map(StreamRecord::getValue).collect(Collectors.toList());
            assertThat(letters).extracting(DeadLetter::reason)
                    .containsExactly("vector field 'v' is missing", "record id: " + expectedArrayProblem(array));
            assertThat(letters).allSatisfy(letter -> assertThat(letter.stage()).isEqualTo(EntityChangeConverter.STAGE));
            assertThat(letters.get(0).raw()).contains("\"title\":\"x\"");
        }
    }

    @Test
    void theOutputsHaveTheirOwnSerializersNotKryo() {
        assertThat(new EntityChangeConverter(MAPPING).getProducedType()).isEqualTo(SchemaTypes.ENTITY_CHANGE);
        assertThat(EntityChangeConverter.SNAPSHOTS.getTypeInfo()).isInstanceOf(PojoTypeInfo.class);
    }

    @Test
    void syncEntityConverterRefusesDeletesNamingEntityChangeConverter() throws Exception {
        SurrealRecordId id = SurrealRecordId.of("docs", 1L);
        try (var harness = harness(new SyncEntityConverter(MAPPING), SchemaTypes.SYNC_ENTITY)) {
            assertThatThrownBy(() -> harness.processElement(SurrealChange.delete(id, VS), 0))
                    .hasMessageContaining("EntityChangeConverter").hasMessageContaining("DELETE");
            assertThatThrownBy(() -> harness.processElement(SurrealChange.snapshotDone("docs", Instant.EPOCH, VS), 0))
                    .hasMessageContaining("EntityChangeConverter").hasMessageContaining("SNAPSHOT_DONE");
        }
    }

    /** A harness that copies records with the job's serializers (SurrealChange's own, the schema's), as a job does. */
    private static <OUT> OneInputStreamOperatorTestHarness<SurrealChange, OUT> harness(
            ProcessFunction<SurrealChange, OUT> function, TypeInformation<OUT> outType) throws Exception {
        OneInputStreamOperatorTestHarness<SurrealChange, OUT> harness = new OneInputStreamOperatorTestHarness<>(
                new ProcessOperator<>(function), SurrealChangeSerializer.INSTANCE);
        harness.setup(outType.createSerializer(new SerializerConfigImpl()));
        harness.open();
        return harness;
    }

    private static String expectedArrayProblem(SurrealRecordId id) {
        try {
            id.toRecordId();
            throw new AssertionError("an array key converts");
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }
}
