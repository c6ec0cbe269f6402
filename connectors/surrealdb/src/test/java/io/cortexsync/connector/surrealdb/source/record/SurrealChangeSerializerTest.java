package io.cortexsync.connector.surrealdb.source.record;

import io.cortexsync.connector.surrealdb.client.SurrealRecordId;

import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
    void snapshotMarkersAndSnapshotReadsWithAVersionstampSurvive() throws IOException {
        SurrealChange marker = SurrealChange.snapshotDone("docs", Instant.parse("2026-12-04T23:30:00.123Z"), 117676320264093696L);
        assertThat(roundTrip(marker)).isEqualTo(marker);
        assertThat(roundTrip(marker).snapshotStartedAt()).isEqualTo(Instant.parse("2026-12-04T23:30:00.123Z"));
        assertThat(roundTrip(marker).table()).isEqualTo("docs");
        SurrealChange read = SurrealChange.read(SurrealRecordId.of("docs", 1L), Map.of("n", 1L), 117676320264093699L);
        assertThat(roundTrip(read).versionstamp()).isEqualTo(117676320264093699L);
    }

    @Test
    void aMarkerHasNoRecordAndARecordNoSnapshotStart() {
        SurrealChange marker = SurrealChange.snapshotDone("docs", Instant.EPOCH, 1L);
        assertThatThrownBy(marker::id).hasMessageContaining("SNAPSHOT_DONE marker of table 'docs'");
        assertThatThrownBy(() -> SurrealChange.delete(SurrealRecordId.of("docs", 1L), 1L).snapshotStartedAt())
                .isInstanceOf(IllegalStateException.class);
    }

    /** Written by version 1: a READ, an UPSERT and a DELETE; must stay readable while such state may exist. */
    static final String READ_V1 = "010004646f6373000000066561e29fa9620000000000000000000000000300026964000000000dc88264646f6373"
            + "6561e29fa96200017601000000023f000000bfa0000000057469746c6500000000026174";
    static final String UPSERT_V1 = "010004646f637300000002182a0101a211fd63d100000000000300026964000000000dc88264646f63736561e29fa9"
            + "6200017601000000023f000000bfa0000000057469746c6500000000026174";
    static final String DELETE_V1 = "010004646f637300000001070201a211fd63d10001ffffffff";

    @Test
    void readsVersion1Bytes() throws IOException {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("id", SurrealRecordId.of("docs", "a⟩b"));
        fields.put("v", new float[] {0.5f, -1.25f});
        fields.put("title", "t");
        assertThat(read(READ_V1)).isEqualTo(SurrealChange.read(SurrealRecordId.of("docs", "a⟩b"), fields));
        assertThat(read(UPSERT_V1)).isEqualTo(SurrealChange.upsert(SurrealRecordId.of("docs", 42L), fields, 117676320264093696L));
        assertThat(read(DELETE_V1)).isEqualTo(SurrealChange.delete(SurrealRecordId.of("docs", 7L), 117676320264093697L));
    }

    private static SurrealChange read(String hex) throws IOException {
        DataInputDeserializer in = new DataInputDeserializer(HexFormat.of().parseHex(hex));
        SurrealChange read = SurrealChangeSerializer.INSTANCE.deserialize(in);
        assertThat(in.available()).isZero();
        return read;
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
