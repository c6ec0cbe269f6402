package io.cortexsync.schema.model;

import java.nio.FloatBuffer;

/**
 * Checks on vectors that decide whether a record can be written to Qdrant or must go to the
 * dead-letter output. {@link SyncEntity} accepts any vector, so the decision stays with the job.
 */
public final class VectorChecks {

    private VectorChecks() {}

    /** The index of the first NaN or infinite element, or -1 when every element is finite. */
    public static int firstNonFinite(float[] vector) {
        return firstNonFinite(FloatBuffer.wrap(vector));
    }

    /**
     * The index, counted from the buffer's position, of the first NaN or infinite element up to its
     * limit, or -1 when every element is finite. The buffer's position is left as it was.
     */
    public static int firstNonFinite(FloatBuffer vector) {
        int start = vector.position();
        int end = vector.limit();
        // every vector of every record is checked, and almost all pass: first one pass without an
        // exit per element. Adding 2^23 to the exponent bits carries into bit 31 exactly when they
        // are all ones, as they are for NaN and the infinities.
        int carries = 0;
        for (int i = start; i < end; i++) {
            carries |= (Float.floatToRawIntBits(vector.get(i)) & 0x7f800000) + 0x00800000;
        }
        if (carries >= 0) {
            return -1;
        }
        for (int i = start; i < end; i++) {
            if (!Float.isFinite(vector.get(i))) {
                return i - start;
            }
        }
        return -1;
    }

    /** Whether every element is finite (no NaN, no infinity). */
    public static boolean allFinite(float[] vector) {
        return firstNonFinite(vector) < 0;
    }

    /** Whether every element is zero: such a vector has no direction (no cosine). */
    public static boolean isZero(float[] vector) {
        for (float v : vector) {
            if (v != 0.0f) {
                return false;
            }
        }
        return true;
    }

    /**
     * Why a vector cannot be written to a collection of {@code expectedDimension}, or {@code null}
     * when it can: a wrong dimension, or a non-finite element (named by index).
     */
    public static String problem(float[] vector, int expectedDimension) {
        if (vector.length != expectedDimension) {
            return "vector has dimension " + vector.length + ", expected " + expectedDimension;
        }
        int bad = firstNonFinite(vector);
        if (bad >= 0) {
            return "vector element " + bad + " is " + vector[bad];
        }
        return null;
    }
}
