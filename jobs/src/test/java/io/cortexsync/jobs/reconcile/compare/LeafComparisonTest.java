package io.cortexsync.jobs.reconcile.compare;

import io.cortexsync.jobs.reconcile.element.Side;
import io.cortexsync.jobs.reconcile.element.SideElement;
import io.cortexsync.schema.ids.PointIds;
import io.cortexsync.schema.model.RepairRecord;
import io.cortexsync.schema.model.RepairRecord.Action;
import io.cortexsync.schema.model.RepairRecord.Kind;
import io.cortexsync.schema.model.TargetPointId;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LeafComparisonTest {

    private static final Instant NOW = Instant.parse("2026-12-05T10:00:00Z");
    private static final String HASH_A = "a".repeat(32);
    private static final String HASH_B = "b".repeat(32);

    @Test
    void elementsThatAgreeYieldNothing() {
        assertThat(LeafComparison.compare(List.of(record("docs:1", HASH_A)), List.of(point("docs:1", HASH_A)), 3, NOW, true))
                .isEmpty();
    }

    @Test
    void eachKindWithItsHashesAndAction() {
        List<RepairRecord> found = LeafComparison.compare(
                List.of(record("docs:1", HASH_A), record("docs:2", HASH_A), record("docs:3", HASH_A)),
                List.of(point("docs:2", HASH_B), point("docs:3", "tampered"), point("docs:4", HASH_B)),
                3, NOW, true);
        assertThat(found).extracting(RepairRecord::kind)
                .containsExactly(Kind.MISSING_VECTOR, Kind.MISMATCH, Kind.MISMATCH, Kind.ORPHAN_VECTOR);
        assertThat(found.get(0).targetHash()).isNull();
        assertThat(found.get(0).action()).isEqualTo(Action.UPSERT_POINT);
        assertThat(found.get(1).sourceHash()).isEqualTo(HASH_A);
        assertThat(found.get(1).targetHash()).isEqualTo(HASH_B);
        assertThat(found.get(2).targetHash()).as("a hash that is no hash is reported as none").isNull();
        assertThat(found.get(3).entityId()).isEqualTo("docs:4");
        assertThat(found.get(3).sourceHash()).isNull();
        assertThat(found.get(3).action()).isEqualTo(Action.DELETE_POINT);
        assertThat(found).allMatch(r -> r.partition() == 3 && r.time().equals(NOW));
    }

    @Test
    void aPointNamingAnotherRecordIsAMismatchEvenWithTheRightHash() {
        SideElement point = point("docs:1", HASH_A);
        point.entityId = "docs:other";
        assertThat(LeafComparison.compare(List.of(record("docs:1", HASH_A)), List.of(point), 0, NOW, false))
                .singleElement()
                .satisfies(r -> {
                    assertThat(r.kind()).isEqualTo(Kind.MISMATCH);
                    assertThat(r.action()).as("a dry run").isEqualTo(Action.NONE);
                });
    }

    @Test
    void aNumericOrphanNamesNoRecord() {
        SideElement numeric = SideElement.of(Side.TARGET, TargetPointId.ofNumber(-1L), "docs:1", "docs", null, 8, 8);
        assertThat(LeafComparison.compare(List.of(), List.of(numeric), 0, NOW, true))
                .singleElement()
                .satisfies(r -> {
                    assertThat(r.kind()).isEqualTo(Kind.ORPHAN_VECTOR);
                    assertThat(r.pointId()).isEqualTo(TargetPointId.ofNumber(-1L));
                    assertThat(r.entityId()).isNull();
                });
    }

    private static SideElement record(String id, String hash) {
        return SideElement.of(Side.SOURCE, TargetPointId.of(PointIds.pointId(id)), id, "docs", hash, 8, 8);
    }

    private static SideElement point(String id, String hash) {
        return SideElement.of(Side.TARGET, TargetPointId.of(PointIds.pointId(id)), id, "docs", hash, 8, 8);
    }
}
