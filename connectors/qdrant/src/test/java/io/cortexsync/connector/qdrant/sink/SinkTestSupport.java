package io.cortexsync.connector.qdrant.sink;

import io.cortexsync.connector.qdrant.client.QdrantConnection;
import io.cortexsync.connector.qdrant.client.QdrantConnectionConfig;
import io.cortexsync.schema.ids.RecordId;
import io.cortexsync.schema.model.DeadLetter;
import io.cortexsync.schema.model.PayloadFields;
import io.cortexsync.schema.model.SyncEntity;

import io.qdrant.client.WithPayloadSelectorFactory;
import io.qdrant.client.WithVectorsSelectorFactory;
import io.qdrant.client.grpc.Collections.Distance;
import io.qdrant.client.grpc.Collections.VectorParams;
import io.qdrant.client.grpc.JsonWithInt.Value;
import io.qdrant.client.grpc.Points.RetrievedPoint;
import io.qdrant.client.grpc.Points.ScrollPoints;
import io.qdrant.client.grpc.Points.ScrollResponse;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/** Entities, collections and reads for the sink's tests. */
final class SinkTestSupport {

    static final Instant TIME = Instant.parse("2026-01-02T03:04:05Z");

    private SinkTestSupport() {}

    /** An entity {@code table:i} with a vector that differs per {@code i} and {@code salt}. */
    static SyncEntity entity(String table, int i, int dim, int salt) {
        float[] vector = new float[dim];
        for (int d = 0; d < dim; d++) {
            vector[d] = (float) Math.sin(i * 31 + d * 7 + salt * 13) + 0.5f;
        }
        return SyncEntity.builder()
                .id(RecordId.of(table, (long) i))
                .vector(vector)
                .metadata(Map.of("title", "doc " + i, "salt", salt, "tags", List.of("a", "b")))
                .timestamp(TIME)
                .workspaceId("ws")
                .version((long) salt)
                .build();
    }

    /** Creates a collection with Euclid distance, so that stored vectors are the ones sent. */
    static void createCollection(QdrantConnectionConfig config, String name, int dim) throws Exception {
        try (QdrantConnection connection = QdrantConnection.open(config)) {
            connection.client()
                    .createCollectionAsync(name, VectorParams.newBuilder().setSize(dim).setDistance(Distance.Euclid).build())
                    .get(10, TimeUnit.SECONDS);
        }
    }

    /** Every point of the collection, by its {@code _surreal_id}. */
    static Map<String, RetrievedPoint> pointsBySurrealId(QdrantConnectionConfig config, String name) throws Exception {
        Map<String, RetrievedPoint> points = new HashMap<>();
        try (QdrantConnection connection = QdrantConnection.open(config)) {
            ScrollPoints.Builder request = ScrollPoints.newBuilder()
                    .setCollectionName(name)
                    .setLimit(1000)
                    .setWithPayload(WithPayloadSelectorFactory.enable(true))
                    .setWithVectors(WithVectorsSelectorFactory.enable(true));
            while (true) {
                ScrollResponse page = connection.client().scrollAsync(request.build()).get(30, TimeUnit.SECONDS);
                for (RetrievedPoint point : page.getResultList()) {
                    points.put(point.getPayloadMap().get(PayloadFields.SURREAL_ID).getStringValue(), point);
                }
                if (!page.hasNextPageOffset()) {
                    return points;
                }
                request.setOffset(page.getNextPageOffset());
            }
        }
    }

    static float[] vector(RetrievedPoint point) {
        List<Float> data = point.getVectors().getVector().hasDense()
                ? point.getVectors().getVector().getDense().getDataList()
                : point.getVectors().getVector().getDataList();
        float[] vector = new float[data.size()];
        for (int i = 0; i < vector.length; i++) {
            vector[i] = data.get(i);
        }
        return vector;
    }

    static String text(RetrievedPoint point, String field) {
        Value value = point.getPayloadMap().get(field);
        return value == null ? null : value.getStringValue();
    }

    /** Keeps the dead letters of each test in this JVM, where the MiniCluster runs. */
    static final class CollectingDeadLetters implements QdrantSinkOutcomeListener {
        private static final long serialVersionUID = 1L;
        private static final Map<String, Queue<DeadLetter>> BY_KEY = new ConcurrentHashMap<>();

        private final String key;

        CollectingDeadLetters(String key) {
            this.key = key;
            BY_KEY.put(key, new ConcurrentLinkedQueue<>());
        }

        @Override
        public void onDeadLetter(DeadLetter deadLetter) {
            BY_KEY.get(key).add(deadLetter);
        }

        List<DeadLetter> received() {
            return new ArrayList<>(BY_KEY.get(key));
        }
    }
}
