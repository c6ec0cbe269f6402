package io.cortexsync.testkit.qdrant;

import io.qdrant.client.grpc.Collections.Distance;

/**
 * Qdrant's distance functions in float32: how vectors are prepared for storage, compared, and how
 * the raw similarity becomes the reported score. Raw similarities always sort larger-first; Euclid
 * and Manhattan are negated distances until {@link #toScore} turns them back into distances.
 */
enum Metric {
    COSINE {
        @Override
        float[] prepare(float[] vector) {
            float squaredLength = 0f;
            for (float x : vector) {
                squaredLength += x * x;
            }
            // Qdrant leaves zero and already-normalised vectors alone so that re-normalising is stable.
            if (squaredLength < Math.ulp(1.0f) || Math.abs(squaredLength - 1.0f) <= 1.0e-6f) {
                return vector;
            }
            float length = (float) Math.sqrt(squaredLength);
            float[] normalised = new float[vector.length];
            for (int i = 0; i < vector.length; i++) {
                normalised[i] = vector[i] / length;
            }
            return normalised;
        }

        @Override
        float similarity(float[] a, float[] b) {
            return dot(a, b);
        }
    },
    DOT {
        @Override
        float similarity(float[] a, float[] b) {
            return dot(a, b);
        }
    },
    EUCLID {
        @Override
        float similarity(float[] a, float[] b) {
            float sum = 0f;
            for (int i = 0; i < a.length; i++) {
                float d = a[i] - b[i];
                sum += d * d;
            }
            return -sum;
        }

        @Override
        float toScore(float similarity) {
            return (float) Math.sqrt(Math.abs(similarity));
        }

        @Override
        boolean passes(float score, float threshold) {
            return score < threshold;
        }
    },
    MANHATTAN {
        @Override
        float similarity(float[] a, float[] b) {
            float sum = 0f;
            for (int i = 0; i < a.length; i++) {
                sum += Math.abs(a[i] - b[i]);
            }
            return -sum;
        }

        @Override
        float toScore(float similarity) {
            return Math.abs(similarity);
        }

        @Override
        boolean passes(float score, float threshold) {
            return score < threshold;
        }
    };

    /** The vector as stored (and as a query is compared). Never modifies its argument. */
    float[] prepare(float[] vector) {
        return vector;
    }

    abstract float similarity(float[] stored, float[] query);

    float toScore(float similarity) {
        return similarity;
    }

    /** Qdrant's {@code score_threshold} is strict: better than, not equal to. */
    boolean passes(float score, float threshold) {
        return score > threshold;
    }

    /** Takes the wire value, so that numbers unknown to this client are reported as Qdrant does. */
    static Metric of(int distanceValue) {
        Distance distance = Distance.forNumber(distanceValue);
        if (distance == null) {
            throw QdrantErrors.invalidArgument(
                    "Malformed distance parameter, unexpected value: " + distanceValue);
        }
        switch (distance) {
            case Cosine:
                return COSINE;
            case Dot:
                return DOT;
            case Euclid:
                return EUCLID;
            case Manhattan:
                return MANHATTAN;
            default:
                throw QdrantErrors.invalidArgument("Malformed distance parameter: UnknownDistance");
        }
    }

    private static float dot(float[] a, float[] b) {
        float sum = 0f;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }
}
