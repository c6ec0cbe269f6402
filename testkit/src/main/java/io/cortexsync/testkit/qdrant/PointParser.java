package io.cortexsync.testkit.qdrant;

import com.google.protobuf.Internal;
import io.grpc.Status;
import io.qdrant.client.grpc.JsonWithInt.Value;
import io.qdrant.client.grpc.Points.PointStruct;
import io.qdrant.client.grpc.Points.Vector;
import io.qdrant.client.grpc.Points.Vectors;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns request vectors and points into plain arrays, rejecting them with Qdrant's messages and in
 * Qdrant's order (vectors are checked before the id).
 */
final class PointParser {

    private PointParser() {}

    /** A point as received: raw (not yet normalised) vectors by name. */
    record ParsedPoint(PointKey id, Map<String, float[]> vectors, Map<String, Value> payload) {}

    static ParsedPoint parse(PointStruct point) {
        if (!point.hasVectors()) {
            throw QdrantErrors.invalidArgument("Expected some vectors");
        }
        Map<String, float[]> vectors = parseVectors(point.getVectors());
        if (!point.hasId()) {
            throw QdrantErrors.invalidArgument("Empty ID is not allowed");
        }
        return new ParsedPoint(PointKey.from(point.getId()), vectors, point.getPayloadMap());
    }

    static Map<String, float[]> parseVectors(Vectors vectors) {
        Map<String, float[]> parsed = new LinkedHashMap<>();
        switch (vectors.getVectorsOptionsCase()) {
            case VECTOR:
                if (isSparse(vectors.getVector())) {
                    throw QdrantErrors.invalidArgument("Sparse vector must be named");
                }
                parsed.put(VectorSchema.UNNAMED, dense(vectors.getVector()));
                break;
            case VECTORS:
                vectors.getVectors().getVectorsMap().forEach((name, v) -> parsed.put(name, dense(v)));
                break;
            default:
                throw QdrantErrors.invalidArgument("No Vector Provided");
        }
        for (float[] vector : parsed.values()) {
            if (vector.length == 0) {
                throw QdrantErrors.badInput("vector: dense vector must not be empty");
            }
        }
        return parsed;
    }

    @SuppressWarnings("deprecation")
    private static boolean isSparse(Vector vector) {
        return vector.getVectorCase() == Vector.VectorCase.SPARSE
                || (vector.getVectorCase() == Vector.VectorCase.VECTOR_NOT_SET && vector.hasIndices());
    }

    /** Dense data from either the current {@code dense} field or the deprecated {@code data}. */
    @SuppressWarnings("deprecation")
    private static float[] dense(Vector vector) {
        switch (vector.getVectorCase()) {
            case DENSE:
                return toArray(vector.getDense().getDataList());
            case VECTOR_NOT_SET:
                if (vector.hasIndices() || vector.hasVectorsCount()) {
                    throw unsupported("sparse and multi-dense vectors");
                }
                return toArray(vector.getDataList());
            default:
                throw unsupported(vector.getVectorCase() + " vectors");
        }
    }

    static float[] toArray(List<Float> values) {
        if (values instanceof Internal.FloatList) {
            // protobuf's own list: read the primitives, no Float per element (768 per point add up)
            Internal.FloatList floats = (Internal.FloatList) values;
            float[] array = new float[floats.size()];
            for (int i = 0; i < array.length; i++) {
                array[i] = floats.getFloat(i);
            }
            return array;
        }
        float[] array = new float[values.size()];
        for (int i = 0; i < array.length; i++) {
            array[i] = values.get(i);
        }
        return array;
    }

    private static RuntimeException unsupported(String what) {
        return Status.UNIMPLEMENTED
                .withDescription("The Qdrant test server supports dense vectors only, not " + what)
                .asRuntimeException();
    }
}
