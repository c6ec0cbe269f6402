package io.cortexsync.jobs.reconcile.element;

import io.cortexsync.schema.ids.PointIds;
import io.cortexsync.schema.model.TargetPointId;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LeafBucketTest {

    @Test
    void elementsSurviveTheirBytesWithNullsNumericIdsAndHostileLongIds() {
        String hostile = "docs:⟨" + "x⟩; REMOVE TABLE docs; -- ".repeat(4_000) + "⟩";
        SideElement uuid = SideElement.of(Side.TARGET, TargetPointId.of(PointIds.pointId("docs:1")), hostile, null, "f".repeat(32), 8, 8);
        SideElement numeric = SideElement.of(Side.TARGET, TargetPointId.ofNumber(-5L), null, "docs", null, 8, 8);
        byte[] bytes = LeafBucket.encode(List.of(uuid, numeric));
        List<SideElement> back = LeafBucket.decode(bytes, Side.TARGET, uuid.partition, uuid.leaf);
        assertThat(back.get(0)).isEqualTo(uuid);
        assertThat(back.get(1).pointId()).isEqualTo(TargetPointId.ofNumber(-5L));
        assertThat(back.get(1).entityId).isNull();
        assertThat(back.get(1).table).isEqualTo("docs");
        assertThat(back.get(1).contentHash).isNull();
        assertThat(LeafBucket.decode(null, Side.SOURCE, 0, 0)).isEmpty();
    }

    @Test
    void anUnknownVersionIsRefused() {
        byte[] bytes = LeafBucket.encode(List.of());
        bytes[0] = 9;
        assertThatThrownBy(() -> LeafBucket.decode(bytes, Side.SOURCE, 0, 0)).hasMessageContaining("version 9");
    }
}
