package io.cortexsync.connector.qdrant.convert;

import io.cortexsync.schema.hash.ContentHash;
import io.cortexsync.schema.ids.PointIds;
import io.cortexsync.schema.ids.RecordId;
import io.cortexsync.schema.model.EntityChange;
import io.cortexsync.schema.model.PayloadFields;
import io.cortexsync.schema.model.SyncEntity;

import io.qdrant.client.grpc.JsonWithInt.Value;
import io.qdrant.client.grpc.Points.PointStruct;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SyncEntityPointConverterTest {

    private static final Instant NOW = Instant.parse("2026-03-04T05:06:07.123Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private static SyncEntity entity(Long version, Map<String, ?> metadata) {
        return SyncEntity.builder()
                .id(RecordId.of("doc", "intro"))
                .vector(new float[] {0.5f, -1f, 2f})
                .metadata(metadata)
                .timestamp(Instant.EPOCH)
                .workspaceId("ws")
                .version(version)
                .build();
    }

    @Test
    void anEntityBecomesItsPointWithMetadataAndSyncFields() {
        SyncEntity entity = entity(3L, Map.of("title", "Intro", "n", 2, "x", 1.5, "ok", true,
                "tags", List.of("a"), "nested", Map.of("k", "v"), PayloadFields.TABLE, "not mine"));
        QdrantWrite write = new SyncEntityPointConverter(CLOCK).convert(entity);

        assertThat(write.kind()).isEqualTo(QdrantWrite.Kind.UPSERT);
        assertThat(write.recordId()).isEqualTo("doc:intro");
        PointStruct point = write.point();
        assertThat(point.getId().getUuid()).isEqualTo(PointIds.pointId(entity.id()).toString());
        assertThat(point.getVectors().getVector().getDense().getDataList()).containsExactly(0.5f, -1f, 2f);
        Map<String, Value> payload = point.getPayloadMap();
        assertThat(payload.get("title").getStringValue()).isEqualTo("Intro");
        assertThat(payload.get("n").getIntegerValue()).isEqualTo(2);
        assertThat(payload.get("x").getDoubleValue()).isEqualTo(1.5);
        assertThat(payload.get("ok").getBoolValue()).isTrue();
        assertThat(payload.get("tags").getListValue().getValues(0).getStringValue()).isEqualTo("a");
        assertThat(payload.get("nested").getStructValue().getFieldsMap().get("k").getStringValue()).isEqualTo("v");
        assertThat(payload.get(PayloadFields.SURREAL_ID).getStringValue()).isEqualTo("doc:intro");
        assertThat(payload.get(PayloadFields.TABLE).getStringValue()).isEqualTo("doc");
        assertThat(payload.get(PayloadFields.CONTENT_HASH).getStringValue()).isEqualTo(ContentHash.of(entity));
        assertThat(payload.get(PayloadFields.VERSION).getIntegerValue()).isEqualTo(3);
        assertThat(payload.get(PayloadFields.SYNCED_AT).getStringValue()).isEqualTo("2026-03-04T05:06:07.123Z");
        assertThat(write.raw()).contains("doc:intro");
    }

    @Test
    void withoutAVersionThereIsNoVersionField() {
        QdrantWrite write = new SyncEntityPointConverter(CLOCK).convert(entity(null, Map.of(PayloadFields.VERSION, 9)));
        assertThat(write.point().getPayloadMap()).doesNotContainKey(PayloadFields.VERSION);
    }

    @Test
    void anIntegerBeyond64BitsIsAnInvalidPoint() {
        SyncEntity entity = entity(null, Map.of("big", BigInteger.TWO.pow(70)));
        assertThatThrownBy(() -> new SyncEntityPointConverter(CLOCK).convert(entity))
                .isInstanceOfSatisfying(InvalidPointException.class, e -> {
                    assertThat(e.getMessage()).contains("big").contains("64-bit");
                    assertThat(e.recordId()).isEqualTo("doc:intro");
                });
    }

    @Test
    void entityChangesBecomeUpsertsAndDeletes() {
        EntityChangePointConverter converter = new EntityChangePointConverter(CLOCK);
        SyncEntity entity = entity(1L, Map.of());
        QdrantWrite upsert = converter.convert(EntityChange.upsert("r1", entity, NOW));
        QdrantWrite delete = converter.convert(EntityChange.delete("r2", entity.id(), NOW));
        assertThat(upsert.kind()).isEqualTo(QdrantWrite.Kind.UPSERT);
        assertThat(delete.kind()).isEqualTo(QdrantWrite.Kind.DELETE);
        assertThat(delete.id()).isEqualTo(upsert.id());
        assertThat(delete.point()).isNull();
        assertThat(delete.raw()).contains("r2");
    }
}
