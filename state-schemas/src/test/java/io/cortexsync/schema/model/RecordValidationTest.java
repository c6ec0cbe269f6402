package io.cortexsync.schema.model;

import io.cortexsync.schema.TestRecords;
import io.cortexsync.schema.ids.PointIds;
import io.cortexsync.schema.ids.RecordId;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static io.cortexsync.schema.TestRecords.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecordValidationTest {

    @Test
    void entityChangeCarriesAnEntityOnlyForUpserts() {
        EntityChange upsert = TestRecords.upsert();
        assertThat(upsert.recordId()).isEqualTo(TestRecords.entity().id());
        assertThat(upsert.entity()).isEqualTo(TestRecords.entity());
        EntityChange delete = TestRecords.delete();
        assertThat(delete.isDelete()).isTrue();
        assertThat(delete.table()).isEqualTo("doc");
        assertThatThrownBy(delete::entity)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("doc:42");
        assertThatThrownBy(() -> EntityChange.delete(" ", RecordId.of("doc", 1), T0))
                .hasMessage("requestId must not be blank");
        assertThatThrownBy(() -> EntityChange.upsert("r", null, T0))
                .hasMessage("entity must not be null");
        assertThatThrownBy(() -> EntityChange.delete("r", RecordId.of("doc", 1), null))
                .hasMessage("time must not be null");
    }

    @Test
    void syncEventChecksItsFields() {
        assertThatThrownBy(() -> SyncEvent.builder().time(T0).build())
                .hasMessage("type must not be null");
        assertThatThrownBy(() -> SyncEvent.builder().type(SyncEvent.Type.SYNCED).build())
                .hasMessage("time must not be null");
        assertThatThrownBy(
                        () ->
                                SyncEvent.builder()
                                        .type(SyncEvent.Type.SYNCED)
                                        .time(T0)
                                        .latencyMs(-1)
                                        .build())
                .hasMessage("latencyMs must not be negative, got -1");
        assertThatThrownBy(
                        () ->
                                SyncEvent.builder()
                                        .type(SyncEvent.Type.SYNCED)
                                        .time(T0)
                                        .entityId("")
                                        .build())
                .hasMessage("entityId must not be blank");
        assertThat(SyncEvent.Type.values())
                .extracting(Enum::name)
                .containsExactly(
                        "SYNCED",
                        "FAILED",
                        "INCONSISTENT",
                        "COMPENSATED",
                        "REPAIRED",
                        "RETRYING",
                        "CONFLICT",
                        "DEAD_LETTER");
        assertThat(
                        SyncEvent.builder()
                                .type(SyncEvent.Type.FAILED)
                                .time(T0)
                                .detail("x".repeat(5000))
                                .build()
                                .toString())
                .hasSizeLessThan(400);
    }

    @Test
    void repairRecordDerivesThePointIdAndTheAction() {
        RepairRecord missing =
                RepairRecord.builder()
                        .kind(RepairRecord.Kind.MISSING_VECTOR)
                        .entityId("doc:42")
                        .table("doc")
                        .partition(208)
                        .sourceHash("078815cfff0ec39e5993feb86ca62709")
                        .time(T0)
                        .build();
        assertThat(missing.pointId()).isEqualTo(TargetPointId.of(PointIds.pointId(RecordId.of("doc", 42))));
        assertThat(missing.action()).isEqualTo(RepairRecord.Action.UPSERT_POINT);
        assertThat(TestRecords.mismatch().action()).isEqualTo(RepairRecord.Action.UPSERT_POINT);
        RepairRecord orphan =
                RepairRecord.builder()
                        .kind(RepairRecord.Kind.ORPHAN_VECTOR)
                        .pointId(UUID.fromString("a3898253-fe00-510e-b95b-839a2e19dfb8"))
                        .table("doc")
                        .time(T0)
                        .build();
        assertThat(orphan.action()).isEqualTo(RepairRecord.Action.DELETE_POINT);
        assertThat(orphan.entityId()).isNull();
        assertThatThrownBy(
                        () ->
                                RepairRecord.builder()
                                        .kind(RepairRecord.Kind.ORPHAN_VECTOR)
                                        .entityId("garbled id")
                                        .table("doc")
                                        .time(T0)
                                        .build())
                .hasMessageContaining("record id 'garbled id'");
    }

    @Test
    void anOrphanPointMayHaveANumericIdAndNoTableAndNothingElseMay() {
        RepairRecord numeric = RepairRecord.builder()
                .kind(RepairRecord.Kind.ORPHAN_VECTOR)
                .pointId(TargetPointId.parse("18446744073709551615"))
                .time(T0)
                .build();
        assertThat(numeric.table()).isNull();
        assertThat(numeric.pointId().isUuid()).isFalse();
        assertThat(numeric.pointId().number()).isEqualTo(-1L);
        assertThatThrownBy(() -> RepairRecord.builder()
                        .kind(RepairRecord.Kind.ORPHAN_VECTOR)
                        .entityId("doc:1")
                        .pointId(TargetPointId.ofNumber(7))
                        .table("doc")
                        .time(T0)
                        .build())
                .hasMessageContaining("a numeric pointId names no record");
        for (RepairRecord.Kind kind : List.of(RepairRecord.Kind.MISSING_VECTOR, RepairRecord.Kind.MISMATCH)) {
            assertThatThrownBy(() -> RepairRecord.builder().kind(kind).entityId("doc:1").time(T0).build())
                    .hasMessage("table is required for " + kind);
        }
        assertThatThrownBy(() -> RepairRecord.builder()
                        .kind(RepairRecord.Kind.ORPHAN_VECTOR)
                        .pointId(TargetPointId.ofNumber(7))
                        .table(" ")
                        .time(T0)
                        .build())
                .hasMessageContaining("table");
    }

    @Test
    void targetPointIdsParseAndPrintBothForms() {
        for (String text : List.of("0", "9223372036854775808", "18446744073709551615",
                "a3898253-fe00-510e-b95b-839a2e19dfb8")) {
            assertThat(TargetPointId.parse(text).toString()).isEqualTo(text);
        }
        assertThat(TargetPointId.parse("A3898253-FE00-510E-B95B-839A2E19DFB8"))
                .isEqualTo(TargetPointId.of(UUID.fromString("a3898253-fe00-510e-b95b-839a2e19dfb8")));
        assertThat(TargetPointId.parse("9223372036854775808").number()).isEqualTo(Long.MIN_VALUE);
        for (String bad : List.of("-1", "18446744073709551616", "abc", "", "12a")) {
            assertThatThrownBy(() -> TargetPointId.parse(bad))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'" + bad + "'");
        }
        assertThatThrownBy(() -> TargetPointId.ofNumber(1).uuid()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> TargetPointId.of(new UUID(0, 0)).number()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void repairRecordRejectsInconsistentFields() {
        RepairRecord.Builder valid =
                RepairRecord.builder()
                        .kind(RepairRecord.Kind.MISMATCH)
                        .entityId("doc:1")
                        .table("doc")
                        .time(T0);
        assertThat(valid.build().partition()).isZero();
        assertThatThrownBy(() -> valid.entityId(null).build())
                .hasMessage("entityId is required for MISMATCH");
        assertThatThrownBy(
                        () ->
                                RepairRecord.builder()
                                        .kind(RepairRecord.Kind.ORPHAN_VECTOR)
                                        .table("doc")
                                        .time(T0)
                                        .build())
                .hasMessage("pointId is required when entityId is null");
        assertThatThrownBy(() -> valid.entityId("doc:1").partition(-1).build())
                .hasMessage("partition must not be negative, got -1");
        assertThatThrownBy(() -> valid.partition(0).sourceHash("xyz").build())
                .hasMessageContaining("sourceHash must be 32 lower-case hex characters");
        assertThatThrownBy(
                        () ->
                                valid.sourceHash(null)
                                        .kind(RepairRecord.Kind.MISSING_VECTOR)
                                        .targetHash("078815cfff0ec39e5993feb86ca62709")
                                        .build())
                .hasMessage("a MISSING_VECTOR has no targetHash");
        assertThatThrownBy(
                        () ->
                                valid.targetHash(null)
                                        .kind(RepairRecord.Kind.ORPHAN_VECTOR)
                                        .sourceHash("078815cfff0ec39e5993feb86ca62709")
                                        .build())
                .hasMessage("an ORPHAN_VECTOR has no sourceHash");
        assertThatThrownBy(() -> valid.sourceHash(null).table(" ").build())
                .hasMessage("table must not be blank");
    }

    @Test
    void deadLetterChecksItsFieldsAndAbbreviatesRawText() {
        assertThatThrownBy(() -> DeadLetter.of(null, "r", "s", null, T0))
                .hasMessage("raw must not be null");
        assertThatThrownBy(() -> DeadLetter.of("x", " ", "s", null, T0))
                .hasMessage("reason must not be blank");
        assertThatThrownBy(() -> DeadLetter.of("x", "r", "", null, T0))
                .hasMessage("stage must not be blank");
        assertThat(DeadLetter.of("", "r", "s", null, T0).raw()).isEmpty();
        String raw = "{\"vector\":[" + "0.5,".repeat(10_000) + "1]}";
        assertThat(DeadLetter.of(raw, "r", "s", null, T0).toString()).hasSizeLessThan(300);
    }
}
