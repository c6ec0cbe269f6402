package io.cortexsync.jobs.reconcile.compare;

import io.qdrant.client.grpc.Collections.Distance;

/**
 * Whether a stored vector is its record's, as Qdrant would have stored it: for Cosine, Qdrant
 * normalizes on upsert (in float32, leaving zero and already-normalized vectors alone), so the
 * record's vector is normalized the same way before the comparison; other distances store
 * vectors as given. Equal means every component within the tolerance.
 */
public final class VectorComparison {

    private VectorComparison() {}

    public static boolean differ(float[] record, float[] stored, Distance distance, double tolerance) {
        if (record == null || stored == null) {
            return record != stored;
        }
        if (record.length != stored.length) {
            return true;
        }
        float[] expected = distance == Distance.Cosine ? normalized(record) : record;
        for (int i = 0; i < expected.length; i++) {
            if (!(Math.abs((double) expected[i] - stored[i]) <= tolerance)) {
                return true;
            }
        }
        return false;
    }

    /** As Qdrant normalizes for Cosine. */
    static float[] normalized(float[] vector) {
        float squaredLength = 0f;
        for (float x : vector) {
            squaredLength += x * x;
        }
        if (squaredLength < Math.ulp(1.0f) || Math.abs(squaredLength - 1.0f) <= 1.0e-6f) {
            return vector;
        }
        float length = (float) Math.sqrt(squaredLength);
        float[] normalized = new float[vector.length];
        for (int i = 0; i < vector.length; i++) {
            normalized[i] = vector[i] / length;
        }
        return normalized;
    }
}
