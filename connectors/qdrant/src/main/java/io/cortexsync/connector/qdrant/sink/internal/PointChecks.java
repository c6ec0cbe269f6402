package io.cortexsync.connector.qdrant.sink.internal;

import io.cortexsync.connector.qdrant.convert.EncodedPoint;
import io.cortexsync.connector.qdrant.convert.QdrantWrite;
import com.google.protobuf.Internal.FloatList;
import io.qdrant.client.grpc.Common.PointId;
import io.qdrant.client.grpc.Points.Vector;
import io.qdrant.client.grpc.Points.Vectors;

import org.apache.flink.annotation.Internal;

import java.util.List;
import java.util.Map;

/**
 * Cheap checks before a write is buffered. Qdrant accepts NaN and infinite vector elements, so
 * only the sink can keep them out; ids and dimensions Qdrant checks itself, but a write found bad
 * here costs no request and no bisection.
 */
@Internal
public final class PointChecks {

    /** The collection's dimension of its unnamed vector, or 0 when unknown or named. */
    private final int dimension;

    public PointChecks(int dimension) {
        this.dimension = dimension;
    }

    /** Why the write cannot be applied, or null when it passes. */
    public String problem(QdrantWrite write) {
        String idProblem = idProblem(write.id());
        if (idProblem != null || write.kind() == QdrantWrite.Kind.DELETE) {
            return idProblem;
        }
        EncodedPoint encoded = write.encodedPoint();
        if (encoded != null) {
            return vectorProblem(encoded.dimension(), encoded.firstNonFinite(), encoded.nonFiniteValue(), "", dimension);
        }
        if (!write.point().hasVectors()) {
            return "the point has no vectors";
        }
        Vectors vectors = write.point().getVectors();
        switch (vectors.getVectorsOptionsCase()) {
            case VECTOR:
                return vectorProblem(vectors.getVector(), "", dimension);
            case VECTORS:
                for (Map.Entry<String, Vector> named : vectors.getVectors().getVectorsMap().entrySet()) {
                    String problem = vectorProblem(named.getValue(), "'" + named.getKey() + "' ", 0);
                    if (problem != null) {
                        return problem;
                    }
                }
                return null;
            default:
                return "the point has no vectors";
        }
    }

    static String idProblem(PointId id) {
        switch (id.getPointIdOptionsCase()) {
            case NUM:
                return null;
            case UUID:
                String text = id.getUuid();
                int start = text.regionMatches(true, 0, "urn:uuid:", 0, 9) ? 9 : 0;
                return isUuidText(text, start) ? null : "bad point id: Unable to parse UUID: " + text;
            default:
                return "bad point id: Empty ID is not allowed";
        }
    }

    /**
     * Whether {@code text} from {@code start} is a UUID as Qdrant parses it: 32 hex digits, bare or
     * hyphenated 8-4-4-4-12. A loop rather than a regular expression: every point passes here.
     */
    private static boolean isUuidText(String text, int start) {
        int length = text.length() - start;
        boolean hyphenated = length == 36;
        if (!hyphenated && length != 32) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = text.charAt(start + i);
            if (hyphenated && (i == 8 || i == 13 || i == 18 || i == 23)) {
                if (c != '-') {
                    return false;
                }
            } else if (Character.digit(c, 16) < 0 || c > 'f') {
                return false;
            }
        }
        return true;
    }

    private static String vectorProblem(Vector vector, String name, int expectedDimension) {
        List<Float> data = vector.hasDense() ? vector.getDense().getDataList() : vector.getDataList();
        // the generated lists are FloatLists: read them without boxing every element
        FloatList floats = data instanceof FloatList ? (FloatList) data : null;
        for (int i = 0; i < data.size(); i++) {
            float v = floats != null ? floats.getFloat(i) : data.get(i);
            if (!Float.isFinite(v)) {
                return vectorProblem(data.size(), i, v, name, expectedDimension);
            }
        }
        return vectorProblem(data.size(), -1, 0f, name, expectedDimension);
    }

    private static String vectorProblem(int size, int firstNonFinite, float nonFinite, String name, int expectedDimension) {
        if (expectedDimension > 0 && size != expectedDimension) {
            return "vector " + name + "has dimension " + size + ", the collection's is " + expectedDimension;
        }
        if (firstNonFinite >= 0) {
            return "vector " + name + "element " + firstNonFinite + " is " + nonFinite + " (Qdrant would store it as is)";
        }
        return null;
    }
}
