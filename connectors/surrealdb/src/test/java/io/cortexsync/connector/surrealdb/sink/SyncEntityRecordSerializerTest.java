package io.cortexsync.connector.surrealdb.sink;

import io.cortexsync.connector.surrealdb.client.SurrealRecordId;
import io.cortexsync.schema.ids.RecordId;
import io.cortexsync.schema.model.EntityChange;
import io.cortexsync.schema.model.SyncEntity;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SyncEntityRecordSerializerTest {

    private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");

    private static SyncEntity entity(RecordId id, Long version) {
        return SyncEntity.builder().id(id).vector(new float[] {1f, 2.5f, -3f})
                .metadata(Map.of("title", "a⟩b", "n", 3, "id", "ignored")).timestamp(NOW).workspaceId("ws")
                .version(version).build();
    }

    @Test
    void anEntityBecomesAnUpsertOfMetadataVectorAndVersion() {
        SurrealWrite write = new SyncEntityRecordSerializer().serialize(entity(RecordId.of("docs", "x; DELETE y"), 9L));

        assertThat(write.kind()).isEqualTo(SurrealWrite.Kind.UPSERT);
        assertThat(write.id()).isEqualTo(SurrealRecordId.of("docs", "x; DELETE y"));
        assertThat(write.version()).isEqualTo(9L);
        assertThat(write.content()).containsOnlyKeys("title", "n", "vector", "version");
        assertThat(write.content()).containsEntry("title", "a⟩b").containsEntry("n", 3L).containsEntry("version", 9L);
        assertThat((float[]) write.content().get("vector")).containsExactly(1f, 2.5f, -3f);
    }

    @Test
    void fieldNamesAreConfigurableAndAMissingVersionIsLeftOut() {
        UUID key = UUID.fromString("0b8a3a4e-8f52-4d0b-9a55-1f1f2a3b4c5d");
        SurrealWrite write = new SyncEntityRecordSerializer("embedding", "rev").serialize(entity(RecordId.of("t", key), null));

        assertThat(write.id()).isEqualTo(SurrealRecordId.of("t", key));
        assertThat(write.version()).isNull();
        assertThat(write.content()).containsOnlyKeys("title", "n", "embedding");
    }

    @Test
    void integerKeysStayIntegers() {
        SurrealWrite write = new SyncEntityRecordSerializer().serialize(entity(RecordId.of("t", 42L), 1L));
        assertThat(write.id().key()).isEqualTo(42L);
    }

    @Test
    void changesBecomeUpsertsOrDeletes() {
        EntityChangeRecordSerializer serializer = new EntityChangeRecordSerializer();
        SyncEntity entity = entity(RecordId.of("docs", "k"), 4L);

        SurrealWrite upsert = serializer.serialize(EntityChange.upsert("r1", entity, NOW));
        SurrealWrite delete = serializer.serialize(EntityChange.delete("r2", RecordId.of("docs", "k"), NOW));

        assertThat(upsert).usingRecursiveComparison().isEqualTo(new SyncEntityRecordSerializer().serialize(entity));
        assertThat(delete).isEqualTo(SurrealWrite.delete(SurrealRecordId.of("docs", "k")));
        assertThat(delete.content()).isNull();
    }

    @Test
    void badFieldNamesAreRefused() {
        assertThatThrownBy(() -> new SyncEntityRecordSerializer("vector", "v; x")).hasMessageContaining("identifier");
        assertThatThrownBy(() -> new SyncEntityRecordSerializer("v", "v")).hasMessageContaining("vector field");
    }
}
