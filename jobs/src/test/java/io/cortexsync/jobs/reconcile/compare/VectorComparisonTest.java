package io.cortexsync.jobs.reconcile.compare;

import io.qdrant.client.grpc.Collections.Distance;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class VectorComparisonTest {

    private static final float[] RECORD = {3f, 4f, 0f};

    @Test
    void aCosineCollectionStoresTheNormalizedVector() {
        float[] stored = {0.6f, 0.8f, 0f};
        assertThat(VectorComparison.differ(RECORD, stored, Distance.Cosine, 1e-6)).isFalse();
        assertThat(VectorComparison.differ(RECORD, stored, Distance.Dot, 1e-6)).as("Dot stores vectors as given").isTrue();
        assertThat(VectorComparison.differ(RECORD, RECORD.clone(), Distance.Euclid, 0)).isFalse();
    }

    @Test
    void aComponentBeyondTheToleranceDiffers() {
        float[] stored = {0.6f, 0.8f + 1e-5f, 0f};
        assertThat(VectorComparison.differ(RECORD, stored, Distance.Cosine, 1e-6)).isTrue();
        assertThat(VectorComparison.differ(RECORD, stored, Distance.Cosine, 1e-4)).isFalse();
        assertThat(VectorComparison.differ(RECORD, new float[] {0.6f, 0.8f}, Distance.Cosine, 1)).as("another size").isTrue();
        assertThat(VectorComparison.differ(RECORD, new float[] {0.6f, Float.NaN, 0f}, Distance.Cosine, 1)).isTrue();
    }

    @Test
    void zeroAndUnitVectorsAreLeftAlone() {
        assertThat(VectorComparison.normalized(new float[] {0f, 0f})).containsExactly(0f, 0f);
        float[] unit = {1f, 0f};
        assertThat(VectorComparison.normalized(unit)).isSameAs(unit);
    }
}
