package io.cortexsync.connector.qdrant.source;

import io.qdrant.client.grpc.JsonWithInt.Value;
import io.qdrant.client.grpc.Points.RetrievedPoint;
import io.qdrant.client.grpc.Points.VectorOutput;
import io.qdrant.client.grpc.Points.VectorsOutput;

import org.apache.flink.annotation.PublicEvolving;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A point as the source read it: id, the unnamed vector (null unless vectors were read), named
 * dense vectors, and the selected payload as plain Java values (null, Boolean, Long, Double,
 * String, List, Map).
 */
@PublicEvolving
public final class QdrantPoint {

    private final QdrantPointId id;
    private final float[] vector;
    private final Map<String, float[]> namedVectors;
    private final Map<String, Object> payload;

    public QdrantPoint(
            QdrantPointId id, float[] vector, Map<String, float[]> namedVectors, Map<String, Object> payload) {
        this.id = Objects.requireNonNull(id, "id");
        this.vector = vector;
        this.namedVectors = Collections.unmodifiableMap(new LinkedHashMap<>(namedVectors));
        this.payload = Collections.unmodifiableMap(new LinkedHashMap<>(payload));
    }

    /** Converts a point of a scroll or retrieve reply. */
    public static QdrantPoint of(RetrievedPoint point) {
        float[] vector = null;
        Map<String, float[]> named = new LinkedHashMap<>();
        if (point.hasVectors()) {
            VectorsOutput vectors = point.getVectors();
            if (vectors.hasVector()) {
                vector = dense(vectors.getVector());
            } else if (vectors.hasVectors()) {
                vectors.getVectors().getVectorsMap().forEach((name, v) -> {
                    float[] dense = dense(v);
                    if (dense != null) {
                        named.put(name, dense);
                    }
                });
            }
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        point.getPayloadMap().forEach((key, value) -> payload.put(key, javaValue(value)));
        return new QdrantPoint(QdrantPointId.of(point.getId()), vector, named, payload);
    }

    public QdrantPointId id() {
        return id;
    }

    /** The unnamed vector, or null when vectors were not read or the collection names its vectors. */
    public float[] vector() {
        return vector;
    }

    /** Dense named vectors; empty for collections with one unnamed vector. */
    public Map<String, float[]> namedVectors() {
        return namedVectors;
    }

    public Map<String, Object> payload() {
        return payload;
    }

    /** Null for sparse and multi-dense vectors, which this point does not carry. */
    @SuppressWarnings("deprecation")
    private static float[] dense(VectorOutput output) {
        List<Float> data;
        if (output.hasDense()) {
            data = output.getDense().getDataList();
        } else if (!output.hasSparse() && !output.hasMultiDense() && output.getIndices().getDataCount() == 0) {
            // servers before the dense field put dense data here
            data = output.getDataList();
        } else {
            return null;
        }
        float[] vector = new float[data.size()];
        for (int i = 0; i < vector.length; i++) {
            vector[i] = data.get(i);
        }
        return vector;
    }

    static Object javaValue(Value value) {
        switch (value.getKindCase()) {
            case BOOL_VALUE:
                return value.getBoolValue();
            case INTEGER_VALUE:
                return value.getIntegerValue();
            case DOUBLE_VALUE:
                return value.getDoubleValue();
            case STRING_VALUE:
                return value.getStringValue();
            case LIST_VALUE:
                List<Object> list = new ArrayList<>(value.getListValue().getValuesCount());
                value.getListValue().getValuesList().forEach(v -> list.add(javaValue(v)));
                return Collections.unmodifiableList(list);
            case STRUCT_VALUE:
                Map<String, Object> map = new LinkedHashMap<>();
                value.getStructValue().getFieldsMap().forEach((k, v) -> map.put(k, javaValue(v)));
                return Collections.unmodifiableMap(map);
            default:
                return null;
        }
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof QdrantPoint)) {
            return false;
        }
        QdrantPoint that = (QdrantPoint) o;
        if (!id.equals(that.id) || !Arrays.equals(vector, that.vector) || !payload.equals(that.payload)
                || !namedVectors.keySet().equals(that.namedVectors.keySet())) {
            return false;
        }
        for (Map.Entry<String, float[]> named : namedVectors.entrySet()) {
            if (!Arrays.equals(named.getValue(), that.namedVectors.get(named.getKey()))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return id.hashCode() * 31 + payload.hashCode();
    }

    @Override
    public String toString() {
        return "QdrantPoint{" + id
                + (vector == null ? "" : ", vector[" + vector.length + "]")
                + (namedVectors.isEmpty() ? "" : ", vectors " + namedVectors.keySet())
                + ", payload " + payload + '}';
    }
}
