package io.cortexsync.connector.qdrant.source;

import io.cortexsync.connector.qdrant.client.QdrantConnection;
import io.cortexsync.connector.qdrant.client.QdrantConnectionConfig;
import io.cortexsync.schema.ids.PointIds;
import io.cortexsync.schema.model.PayloadFields;
import io.cortexsync.testkit.qdrant.QdrantTestServer;
import io.qdrant.client.grpc.Collections.Distance;
import io.qdrant.client.grpc.Collections.VectorParams;
import io.qdrant.client.grpc.Points.PointStruct;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.qdrant.client.PointIdFactory.id;
import static io.qdrant.client.ValueFactory.value;
import static io.qdrant.client.VectorsFactory.vectors;

/** Collections of known points for the source tests: UUIDv5 ids of {@code docs:i} and a few numeric ids. */
public final class QdrantSourceTestData {

    public static final int VECTOR_SIZE = 4;

    private QdrantSourceTestData() {}

    public static QdrantConnectionConfig connection(QdrantTestServer qdrant) {
        return QdrantConnectionConfig.builder().host(qdrant.host()).port(qdrant.port()).build();
    }

    /** The vector written for record {@code i}; Dot distance keeps it as written. */
    public static float[] vector(long i) {
        return new float[] {i, i + 0.5f, -i, 1f};
    }

    /**
     * Creates {@code collection} with {@code uuidPoints} points {@code docs:0..} and {@code
     * numericPoints} points with ids 1..; returns every id written.
     */
    public static List<QdrantPointId> write(QdrantTestServer qdrant, String collection, int uuidPoints, int numericPoints)
            throws Exception {
        try (QdrantConnection connection = QdrantConnection.open(connection(qdrant))) {
            connection.client().createCollectionAsync(collection,
                    VectorParams.newBuilder().setSize(VECTOR_SIZE).setDistance(Distance.Dot).build())
                    .get(10, TimeUnit.SECONDS);
            List<QdrantPointId> ids = new ArrayList<>();
            List<PointStruct> batch = new ArrayList<>();
            for (int i = 0; i < uuidPoints; i++) {
                String record = "docs:" + i;
                ids.add(QdrantPointId.uuid(PointIds.pointId(record)));
                batch.add(point(id(PointIds.pointId(record)), i, record));
                if (batch.size() == 500) {
                    connection.client().upsertAsync(collection, batch).get(30, TimeUnit.SECONDS);
                    batch.clear();
                }
            }
            for (int n = 1; n <= numericPoints; n++) {
                ids.add(QdrantPointId.number(n));
                batch.add(point(id(n), n, "numeric:" + n));
            }
            if (!batch.isEmpty()) {
                connection.client().upsertAsync(collection, batch).get(30, TimeUnit.SECONDS);
            }
            return ids;
        }
    }

    private static PointStruct point(io.qdrant.client.grpc.Common.PointId id, long i, String record) {
        Map<String, io.qdrant.client.grpc.JsonWithInt.Value> payload = new LinkedHashMap<>();
        payload.put(PayloadFields.SURREAL_ID, value(record));
        payload.put(PayloadFields.TABLE, value(record.substring(0, record.indexOf(':'))));
        payload.put(PayloadFields.CONTENT_HASH, value(Long.toHexString(i * 0x9E3779B97F4A7C15L)));
        payload.put("n", value(i));
        return PointStruct.newBuilder().setId(id).setVectors(vectors(vector(i))).putAllPayload(payload).build();
    }
}
