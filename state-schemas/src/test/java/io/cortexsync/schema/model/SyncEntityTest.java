package io.cortexsync.schema.model;

import io.cortexsync.schema.TestRecords;
import io.cortexsync.schema.ids.RecordId;

import org.junit.jupiter.api.Test;

import java.nio.FloatBuffer;
import java.nio.ReadOnlyBufferException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SyncEntityTest {

    @Test
    void exposesIdTableAndKey() {
        SyncEntity entity = TestRecords.entity();
        assertThat(entity.id().canonical()).isEqualTo("doc:⟨hello world⟩");
        assertThat(entity.table()).isEqualTo("doc");
        assertThat(entity.id().key()).isEqualTo("hello world");
        assertThat(entity.dimension()).isEqualTo(3);
        assertThat(entity.version()).isEqualTo(7L);
        assertThat(TestRecords.minimalEntity().version()).isNull();
    }

    @Test
    void rejectsMissingOrBlankRequiredFields() {
        assertThatThrownBy(() -> TestRecords.entity().toBuilder().id((RecordId) null).build())
                .hasMessage("id must not be null");
        assertThatThrownBy(() -> TestRecords.entity().toBuilder().id(" ").build())
                .hasMessageContaining("blank");
        assertThatThrownBy(() -> TestRecords.entity().toBuilder().id(":1").build())
                .hasMessageContaining("table must not be blank");
        assertThatThrownBy(() -> TestRecords.entity().toBuilder().vector(null).build())
                .hasMessage("vector must not be null");
        assertThatThrownBy(() -> TestRecords.entity().toBuilder().timestamp(null).build())
                .hasMessage("timestamp must not be null");
        assertThatThrownBy(() -> TestRecords.entity().toBuilder().workspaceId("").build())
                .hasMessage("workspaceId must not be blank");
        assertThatThrownBy(() -> TestRecords.entity().toBuilder().metadata(null).build())
                .hasMessage("metadata must not be null");
    }

    @Test
    void acceptsNonFiniteVectorsForTheDeadLetterPathToDecide() {
        SyncEntity entity = TestRecords.nonFiniteEntity();
        assertThat(VectorChecks.firstNonFinite(entity.vector())).isZero();
    }

    @Test
    void isImmutable() {
        float[] vector = {1f, 2f};
        Map<String, Object> metadata = new HashMap<>();
        List<Object> tags = new ArrayList<>(List.of("a"));
        metadata.put("tags", tags);
        SyncEntity entity =
                TestRecords.minimalEntity().toBuilder().vector(vector).metadata(metadata).build();
        vector[0] = 9f;
        metadata.put("new", 1);
        tags.add("b");
        entity.vector()[1] = 9f;
        assertThat(entity.vector()).containsExactly(1f, 2f);
        assertThat(entity.metadata()).containsOnlyKeys("tags");
        assertThat(entity.metadata().get("tags")).isEqualTo(List.of("a"));
        assertThatThrownBy(() -> entity.metadata().put("x", 1))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void theViewAndTheWrappedVectorAreNotCopies() {
        float[] vector = {1f, 2f, 3f};
        SyncEntity wrapped = TestRecords.minimalEntity().toBuilder().wrapVector(vector).build();
        FloatBuffer view = wrapped.vectorView();
        assertThat(view.isReadOnly()).isTrue();
        assertThat(view.position()).isZero();
        assertThat(view.remaining()).isEqualTo(3);
        assertThatThrownBy(() -> view.put(0, 9f)).isInstanceOf(ReadOnlyBufferException.class);
        // wrapped: the array is the entity's (its maker promised not to change it; here it does)
        vector[2] = 7f;
        assertThat(wrapped.vectorView().get(2)).isEqualTo(7f);
        // vector(...) still copies, and so does vector() on the way out
        SyncEntity copied = TestRecords.minimalEntity().toBuilder().vector(vector).build();
        vector[0] = 5f;
        assertThat(copied.vectorView().get(0)).isEqualTo(1f);
        assertThat(copied.vector()).isNotSameAs(copied.vector()).containsExactly(1f, 2f, 7f);
        // a builder from an entity keeps its vector, and setting a vector again copies again
        assertThat(copied.toBuilder().metadata(Map.of("k", 1)).build().vectorView()).isEqualTo(copied.vectorView());
        float[] replaced = {4f};
        SyncEntity again = copied.toBuilder().vector(replaced).build();
        replaced[0] = 0f;
        assertThat(again.vector()).containsExactly(4f);
    }

    @Test
    void equalValuesAreEqualWhateverTheirJavaTypes() {
        SyncEntity a =
                TestRecords.minimalEntity().toBuilder().metadata(Map.of("n", 1, "f", 0.5f)).build();
        SyncEntity b =
                TestRecords.minimalEntity().toBuilder().metadata(Map.of("n", 1L, "f", 0.5)).build();
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(b.toBuilder().vector(new float[] {0f}).build());
        assertThat(a).isNotEqualTo(b.toBuilder().version(1L).build());
        assertThat(TestRecords.entity()).isEqualTo(TestRecords.entity());
    }

    @Test
    void toStringNeverPrintsTheVector() {
        float[] vector = new float[768];
        java.util.Arrays.fill(vector, 0.123456f);
        String text = TestRecords.minimalEntity().toBuilder().vector(vector).build().toString();
        assertThat(text).contains("vector[768]").doesNotContain("0.123456").hasSizeLessThan(200);
        assertThat(TestRecords.upsert().toString()).contains("vector[3]").doesNotContain("-1.25");
    }

    @Test
    void metadataRejectsValuesWithoutJsonForm() {
        assertThatThrownBy(
                        () ->
                                TestRecords.minimalEntity().toBuilder()
                                        .metadata(Map.of("x", Double.NaN))
                                        .build())
                .hasMessageContaining("metadata.x is NaN");
        assertThatThrownBy(
                        () ->
                                TestRecords.minimalEntity().toBuilder()
                                        .metadata(Map.of("x", List.of(new StringBuilder())))
                                        .build())
                .hasMessageContaining("metadata.x[0] has the unsupported type");
        assertThatThrownBy(
                        () ->
                                TestRecords.minimalEntity().toBuilder()
                                        .metadata(Map.of("x", Map.of(1, 2)))
                                        .build())
                .hasMessageContaining("non-string key");
        assertThatThrownBy(
                        () ->
                                TestRecords.minimalEntity().toBuilder()
                                        .metadata(Map.of("a", Map.of("b", List.of(1, Float.NEGATIVE_INFINITY))))
                                        .build())
                .hasMessage("metadata.a.b[1] is -Infinity, which has no JSON form");
        assertThatThrownBy(
                        () ->
                                TestRecords.minimalEntity().toBuilder()
                                        .metadata(Map.of("a", Map.of("b\ud800", 1)))
                                        .build())
                .hasMessage("metadata.a key contains an unpaired surrogate at index 1");
    }
}
