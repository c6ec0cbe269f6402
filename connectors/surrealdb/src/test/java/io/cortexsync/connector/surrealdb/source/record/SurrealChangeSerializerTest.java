package io.cortexsync.connector.surrealdb.source.record;

import io.cortexsync.connector.surrealdb.client.SurrealRecordId;

import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class SurrealChangeSerializerTest {

    @Test
    void everyKindOfValueSurvives() throws IOException {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("id", SurrealRecordId.of("docs", "a⟩b"));
        fields.put("embedding", new float[] {0.5f, -1.25f, Float.NaN});
        fields.put("title", "日本 😀");
        fields.put("n", 9007199254740993L);
        fields.put("score", 0.1);
        fields.put("tags", List.of("x", 1L));
        fields.put("nested", Map.of("k", true));
        fields.put("at", Instant.parse("2026-11-25T09:15:51.836Z"));
        fields.put("uid", UUID.fromString("00000000-0000-0000-0000-000000000001"));
        fields.put("price", new BigDecimal("12.50"));
        fields.put("ref", SurrealRecordId.of("other", 7L));
        fields.put("none", null);
        List<SurrealChange> changes = List.of(
                SurrealChange.read(SurrealRecordId.of("docs", "a⟩b"), fields),
                SurrealChange.upsert(SurrealRecordId.of("docs", 42L), fields, 117676320264093696L),
                SurrealChange.delete(SurrealRecordId.of("docs", UUID.randomUUID()), 117676320264093697L));
        for (SurrealChange change : changes) {
            assertThat(roundTrip(change)).isEqualTo(change);
        }
        assertThat((float[]) roundTrip(changes.get(0)).fields().get("embedding")).containsExactly(0.5f, -1.25f, Float.NaN);
    }

    @Test
    void aDifferentVectorIsNotEqual() {
        SurrealRecordId id = SurrealRecordId.of("t", "k");
        assertThat(SurrealChange.read(id, Map.of("v", new float[] {1f})))
                .isNotEqualTo(SurrealChange.read(id, Map.of("v", new float[] {2f})));
    }

    private static SurrealChange roundTrip(SurrealChange change) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        SurrealChangeSerializer.INSTANCE.serialize(change, out);
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        SurrealChange read = SurrealChangeSerializer.INSTANCE.deserialize(in);
        assertThat(in.available()).isZero();
        return read;
    }
}
