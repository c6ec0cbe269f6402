package io.cortexsync.testkit.qdrant;

import io.qdrant.client.grpc.JsonWithInt.Value;
import io.qdrant.client.grpc.Points.DenseVector;
import io.qdrant.client.grpc.Points.NamedVectorsOutput;
import io.qdrant.client.grpc.Points.RetrievedPoint;
import io.qdrant.client.grpc.Points.ScoredPoint;
import io.qdrant.client.grpc.Points.VectorOutput;
import io.qdrant.client.grpc.Points.VectorsOutput;
import io.qdrant.client.grpc.Points.WithPayloadSelector;
import io.qdrant.client.grpc.Points.WithVectorsSelector;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Which parts of a point a read returns, and the point rendered that way. */
final class PointView {

    private final Predicate<String> payloadKeys;
    private final Predicate<String> vectorNames;
    private final boolean namedVectors;

    private PointView(Predicate<String> payloadKeys, Predicate<String> vectorNames, boolean namedVectors) {
        this.payloadKeys = payloadKeys;
        this.vectorNames = vectorNames;
        this.namedVectors = namedVectors;
    }

    /**
     * @param payload the request's selector, or null when unset
     * @param payloadByDefault what an unset payload selector means for this call
     * @param vectors the request's selector, or null when unset (no vectors)
     */
    static PointView of(
            WithPayloadSelector payload,
            boolean payloadByDefault,
            WithVectorsSelector vectors,
            VectorSchema schema) {
        return new PointView(payloadKeys(payload, payloadByDefault), vectorNames(vectors), schema.named());
    }

    private static Predicate<String> payloadKeys(WithPayloadSelector selector, boolean byDefault) {
        if (selector == null) {
            return key -> byDefault;
        }
        switch (selector.getSelectorOptionsCase()) {
            case ENABLE:
                boolean enabled = selector.getEnable();
                return key -> enabled;
            case INCLUDE:
                List<String> included = topLevelKeys(selector.getInclude().getFieldsList());
                return included::contains;
            case EXCLUDE:
                List<String> excluded = topLevelKeys(selector.getExclude().getFieldsList());
                return key -> !excluded.contains(key);
            default:
                throw QdrantErrors.invalidArgument("No PayloadSelector");
        }
    }

    private static List<String> topLevelKeys(List<String> paths) {
        return paths.stream().map(p -> PayloadPath.parse(p).firstKey()).toList();
    }

    /** Null when the read returns no vectors at all. */
    private static Predicate<String> vectorNames(WithVectorsSelector selector) {
        if (selector == null) {
            return null;
        }
        switch (selector.getSelectorOptionsCase()) {
            case ENABLE:
                return selector.getEnable() ? name -> true : null;
            case INCLUDE:
                List<String> names = selector.getInclude().getNamesList();
                return names::contains;
            default:
                return null;
        }
    }

    RetrievedPoint retrieved(StoredPoint point) {
        RetrievedPoint.Builder builder =
                RetrievedPoint.newBuilder().setId(point.id().toPointId()).putAllPayload(payload(point));
        VectorsOutput vectors = vectors(point);
        if (vectors != null) {
            builder.setVectors(vectors);
        }
        return builder.build();
    }

    ScoredPoint scored(StoredPoint point, float score) {
        ScoredPoint.Builder builder =
                ScoredPoint.newBuilder()
                        .setId(point.id().toPointId())
                        .putAllPayload(payload(point))
                        .setScore(score)
                        .setVersion(0);
        VectorsOutput vectors = vectors(point);
        if (vectors != null) {
            builder.setVectors(vectors);
        }
        return builder.build();
    }

    private Map<String, Value> payload(StoredPoint point) {
        Map<String, Value> selected = new LinkedHashMap<>();
        point.payload().forEach((key, value) -> {
            if (payloadKeys.test(key)) {
                selected.put(key, value);
            }
        });
        return selected;
    }

    private VectorsOutput vectors(StoredPoint point) {
        if (vectorNames == null) {
            return null;
        }
        if (!namedVectors) {
            float[] vector = point.vectors().get(VectorSchema.UNNAMED);
            if (vector == null || !vectorNames.test(VectorSchema.UNNAMED)) {
                return null;
            }
            return VectorsOutput.newBuilder().setVector(output(vector)).build();
        }
        NamedVectorsOutput.Builder named = NamedVectorsOutput.newBuilder();
        point.vectors().forEach((name, vector) -> {
            if (vectorNames.test(name)) {
                named.putVectors(name, output(vector));
            }
        });
        return VectorsOutput.newBuilder().setVectors(named).build();
    }

    private static VectorOutput output(float[] vector) {
        DenseVector.Builder dense = DenseVector.newBuilder();
        for (float x : vector) {
            dense.addData(x);
        }
        return VectorOutput.newBuilder().setDense(dense).build();
    }
}
