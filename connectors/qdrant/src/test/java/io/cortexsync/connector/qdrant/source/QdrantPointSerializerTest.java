package io.cortexsync.connector.qdrant.source;

import io.cortexsync.schema.model.PayloadFields;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** QdrantPoint survives Flink serialization with every payload value type, and copies do not share vectors. */
class QdrantPointSerializerTest {

    private static final QdrantPointSerializer SERIALIZER = QdrantPointSerializer.INSTANCE;

    @Test
    void roundTripsIdsVectorsAndEveryPayloadType() throws IOException {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("lang", "nb");
        nested.put("missing", null);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put(PayloadFields.SURREAL_ID, "docs:⟨a b⟩");
        payload.put("n", 42L);
        payload.put("x", 0.5d);
        payload.put("ok", true);
        payload.put("tags", List.of("a", 1L, List.of()));
        payload.put("meta", nested);
        payload.put("long", "x".repeat(70_000));
        QdrantPoint uuidPoint = new QdrantPoint(QdrantPointId.uuid(UUID.randomUUID()),
                new float[] {1f, -0f, Float.MIN_VALUE}, Map.of(), payload);
        QdrantPoint numericPoint = new QdrantPoint(QdrantPointId.number(-1L), null,
                Map.of("text", new float[] {0.25f}), Map.of());

        for (QdrantPoint point : List.of(uuidPoint, numericPoint)) {
            DataOutputSerializer out = new DataOutputSerializer(64);
            SERIALIZER.serialize(point, out);
            QdrantPoint back = SERIALIZER.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
            assertThat(back).isEqualTo(point);
            assertThat(back.id().toString()).isEqualTo(point.id().toString());
        }
        assertThat(numericPoint.id().toString()).isEqualTo("18446744073709551615");
    }

    @Test
    void copiesDoNotShareVectors() {
        QdrantPoint point = new QdrantPoint(QdrantPointId.number(1), new float[] {1f}, Map.of(), Map.of());
        QdrantPoint copy = SERIALIZER.copy(point);
        copy.vector()[0] = 2f;
        assertThat(point.vector()).containsExactly(1f);
        assertThat(Arrays.equals(copy.vector(), point.vector())).isFalse();
    }

    @Test
    void refusesUnknownFormatVersions() {
        assertThatThrownBy(() -> SERIALIZER.deserialize(new DataInputDeserializer(new byte[] {9})))
                .isInstanceOf(IOException.class).hasMessageContaining("version 9");
    }
}
