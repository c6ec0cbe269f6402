package io.cortexsync.testkit.qdrant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MetricTest {

    @Test
    void cosineNormalisesUnlessTheVectorIsZeroOrAlreadyUnitLength() {
        assertThat(Metric.COSINE.prepare(new float[] {3f, 4f})).containsExactly(0.6f, 0.8f);
        float[] zero = {0f, 0f};
        assertThat(Metric.COSINE.prepare(zero)).isSameAs(zero);
        float[] tiny = {1e-4f, 0f}; // squared length below f32 epsilon
        assertThat(Metric.COSINE.prepare(tiny)).isSameAs(tiny);
        float[] nearlyUnit = {1.0000004f, 0f}; // squared length within 1e-6 of 1
        assertThat(Metric.COSINE.prepare(nearlyUnit)).isSameAs(nearlyUnit);
        float[] justOutside = {1.000001f, 0f};
        assertThat(Metric.COSINE.prepare(justOutside)).containsExactly(1f, 0f);
    }

    @Test
    void otherMetricsStoreVectorsAsGiven() {
        float[] v = {3f, 4f};
        assertThat(Metric.DOT.prepare(v)).isSameAs(v);
        assertThat(Metric.EUCLID.prepare(v)).isSameAs(v);
    }

    @Test
    void distancesBecomeScoresAndThresholdsAreStrict() {
        float[] a = {0f, 0f};
        float[] b = {3f, 4f};
        assertThat(Metric.EUCLID.toScore(Metric.EUCLID.similarity(a, b))).isEqualTo(5f);
        assertThat(Metric.MANHATTAN.toScore(Metric.MANHATTAN.similarity(a, b))).isEqualTo(7f);
        assertThat(Metric.EUCLID.passes(5f, 5f)).isFalse();
        assertThat(Metric.EUCLID.passes(4.9f, 5f)).isTrue();
        assertThat(Metric.DOT.passes(5f, 5f)).isFalse();
        assertThat(Metric.DOT.passes(5.1f, 5f)).isTrue();
    }
}
