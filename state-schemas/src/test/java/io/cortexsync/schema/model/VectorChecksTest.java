package io.cortexsync.schema.model;

import org.junit.jupiter.api.Test;

import java.nio.FloatBuffer;

import static org.assertj.core.api.Assertions.assertThat;

class VectorChecksTest {

    @Test
    void findsTheFirstNonFiniteElement() {
        assertThat(VectorChecks.firstNonFinite(new float[] {1f, 2f})).isEqualTo(-1);
        assertThat(VectorChecks.firstNonFinite(new float[0])).isEqualTo(-1);
        assertThat(
                        VectorChecks.firstNonFinite(
                                new float[] {1f, Float.NaN, Float.POSITIVE_INFINITY}))
                .isEqualTo(1);
        assertThat(VectorChecks.firstNonFinite(new float[] {Float.NEGATIVE_INFINITY})).isZero();
        assertThat(
                        VectorChecks.firstNonFinite(
                                new float[] {Float.MAX_VALUE, -Float.MAX_VALUE, Float.MIN_VALUE}))
                .isEqualTo(-1);
        assertThat(VectorChecks.allFinite(new float[] {0f, -0f})).isTrue();
        assertThat(VectorChecks.allFinite(new float[] {Float.NaN})).isFalse();
    }

    /** Every exponent and sign, and NaN payloads: the one-pass check agrees with Float.isFinite. */
    @Test
    void theOnePassCheckAgreesWithIsFiniteOnEveryExponent() {
        for (int exponent = 0; exponent <= 0xff; exponent++) {
            for (int bits : new int[] {exponent << 23, (exponent << 23) | 1, (exponent << 23) | 0x7fffff}) {
                for (int sign : new int[] {0, 0x80000000}) {
                    float value = Float.intBitsToFloat(bits | sign);
                    float[] vector = new float[100];
                    java.util.Arrays.fill(vector, 0.5f);
                    vector[63] = value;
                    assertThat(VectorChecks.firstNonFinite(vector))
                            .as("bits %08x", bits | sign)
                            .isEqualTo(Float.isFinite(value) ? -1 : 63);
                }
            }
        }
    }

    @Test
    void aBufferIsCheckedFromItsPositionToItsLimit() {
        float[] all = {Float.NaN, 1f, 2f, Float.POSITIVE_INFINITY, Float.NaN};
        FloatBuffer middle = FloatBuffer.wrap(all, 1, 3);
        assertThat(VectorChecks.firstNonFinite(middle)).isEqualTo(2);
        assertThat(middle.position()).isEqualTo(1);
        assertThat(VectorChecks.firstNonFinite(FloatBuffer.wrap(all, 1, 2))).isEqualTo(-1);
    }

    @Test
    void detectsZeroVectors() {
        assertThat(VectorChecks.isZero(new float[] {0f, -0f})).isTrue();
        assertThat(VectorChecks.isZero(new float[] {0f, Float.MIN_VALUE})).isFalse();
    }

    @Test
    void namesTheProblem() {
        assertThat(VectorChecks.problem(new float[] {1f, 2f}, 2)).isNull();
        assertThat(VectorChecks.problem(new float[] {1f}, 2))
                .isEqualTo("vector has dimension 1, expected 2");
        assertThat(VectorChecks.problem(new float[] {1f, Float.NaN}, 2))
                .isEqualTo("vector element 1 is NaN");
        assertThat(VectorChecks.problem(new float[] {Float.NEGATIVE_INFINITY, 1f}, 2))
                .isEqualTo("vector element 0 is -Infinity");
    }
}
