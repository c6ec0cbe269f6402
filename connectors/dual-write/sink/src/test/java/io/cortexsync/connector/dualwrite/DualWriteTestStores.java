package io.cortexsync.connector.dualwrite;

import io.cortexsync.connector.qdrant.client.QdrantConnection;
import io.cortexsync.connector.qdrant.client.QdrantConnectionConfig;
import io.cortexsync.connector.surrealdb.client.QueryOptions;
import io.cortexsync.connector.surrealdb.client.SurrealClient;
import io.cortexsync.connector.surrealdb.client.SurrealConnectionConfig;
import io.cortexsync.connector.surrealdb.client.SurrealRecordId;
import io.cortexsync.connector.surrealdb.source.convert.SyncEntityMapping;
import io.cortexsync.connector.surrealdb.source.record.SurrealChange;
import io.cortexsync.schema.hash.ContentHash;
import io.cortexsync.schema.ids.RecordId;
import io.cortexsync.schema.model.PayloadFields;
import io.cortexsync.schema.model.SyncEntity;
import io.cortexsync.testkit.qdrant.QdrantTestServer;
import io.cortexsync.testkit.surrealdb.EmbeddedSurrealDb;
import io.qdrant.client.WithPayloadSelectorFactory;
import io.qdrant.client.WithVectorsSelectorFactory;
import io.qdrant.client.grpc.Collections.Distance;
import io.qdrant.client.grpc.Collections.VectorParams;
import io.qdrant.client.grpc.JsonWithInt.Value;
import io.qdrant.client.grpc.Points.RetrievedPoint;
import io.qdrant.client.grpc.Points.ScrollPoints;
import io.qdrant.client.grpc.Points.ScrollResponse;

import java.io.IOException;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/** The real SurrealDB engine and the Qdrant test server, and what each holds, for the dual-write tests. */
final class DualWriteTestStores implements AutoCloseable {

    static final int DIM = 4;
    static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");

    final EmbeddedSurrealDb surreal;
    final QdrantTestServer qdrant;

    private DualWriteTestStores(EmbeddedSurrealDb surreal, QdrantTestServer qdrant) {
        this.surreal = surreal;
        this.qdrant = qdrant;
    }

    static DualWriteTestStores start(String name) throws IOException {
        EmbeddedSurrealDb surreal = EmbeddedSurrealDb.builder()
                .logFile(Paths.get("target", "surrealdb-" + name + ".log").toAbsolutePath()).build().start();
        return new DualWriteTestStores(surreal, QdrantTestServer.builder().build().start());
    }

    SurrealConnectionConfig surrealConfig(String ns) {
        return SurrealConnectionConfig.builder().url(surreal.baseUrl()).namespace(ns).database("main")
                .basicAuth(surreal.user().orElseThrow(), surreal.password().orElseThrow()).build();
    }

    QdrantConnectionConfig qdrantConfig() {
        return QdrantConnectionConfig.builder().host(qdrant.host()).port(qdrant.port()).build();
    }

    void createCollection(String name) throws Exception {
        try (QdrantConnection connection = QdrantConnection.open(qdrantConfig())) {
            connection.client().createCollectionAsync(name,
                    VectorParams.newBuilder().setSize(DIM).setDistance(Distance.Euclid).build()).get(30, TimeUnit.SECONDS);
        }
    }

    /** Every record of the table: canonical id to its version field (null when it has none), in id order. */
    Map<String, Long> surrealVersions(String ns, String table) {
        Map<String, Long> versions = new TreeMap<>();
        // SurrealDB 3 refuses a SELECT from a table never written
        if (!tableExists(ns, table)) {
            return versions;
        }
        try (SurrealClient client = SurrealClient.create(surrealConfig(ns))) {
            List<Map<String, Object>> rows = client.query("SELECT id, version FROM type::table($t)", Map.of("t", table)).get(0).records();
            for (Map<String, Object> row : rows) {
                Object version = row.get("version");
                versions.put(((SurrealRecordId) row.get("id")).toRecordId().canonical(),
                        version instanceof Number ? ((Number) version).longValue() : null);
            }
        }
        return versions;
    }

    /** Every record of the table as the other jobs read it (every field but the vector is metadata): its content hash. */
    Map<String, String> surrealHashes(String ns, String table) {
        SyncEntityMapping mapping = SyncEntityMapping.builder().vectorField("vector").workspaceId("default").dimension(DIM).build();
        Map<String, String> hashes = new TreeMap<>();
        try (SurrealClient client = SurrealClient.create(surrealConfig(ns))) {
            List<Map<String, Object>> rows = client.query("SELECT * FROM type::table($t)", Map.of("t", table),
                    QueryOptions.DEFAULTS.withFloatArrayFields("vector")).get(0).records();
            for (Map<String, Object> row : rows) {
                SyncEntityMapping.Result entity = mapping.convert(SurrealChange.read((SurrealRecordId) row.get("id"), row), Instant.now());
                hashes.put(((SurrealRecordId) row.get("id")).toRecordId().canonical(), ContentHash.of(entity.entity()));
            }
        }
        return hashes;
    }

    boolean tableExists(String ns, String table) {
        try (SurrealClient client = SurrealClient.create(surrealConfig(ns))) {
            Map<String, Object> info = client.query("INFO FOR DB", Map.of()).get(0).records().get(0);
            return ((Map<?, ?>) info.get("tables")).containsKey(table);
        }
    }

    /** Every point: its record id to its {@code _version} (null when it has none). */
    Map<String, Long> qdrantVersions(String collection) throws Exception {
        Map<String, Long> versions = new TreeMap<>();
        for (RetrievedPoint point : points(collection)) {
            Value version = point.getPayloadMap().get(PayloadFields.VERSION);
            versions.put(point.getPayloadMap().get(PayloadFields.SURREAL_ID).getStringValue(),
                    version == null ? null : version.getIntegerValue());
        }
        return versions;
    }

    /** Every point: its record id to its {@code _content_hash}. */
    Map<String, String> qdrantHashes(String collection) throws Exception {
        Map<String, String> hashes = new TreeMap<>();
        for (RetrievedPoint point : points(collection)) {
            hashes.put(point.getPayloadMap().get(PayloadFields.SURREAL_ID).getStringValue(),
                    point.getPayloadMap().get(PayloadFields.CONTENT_HASH).getStringValue());
        }
        return hashes;
    }

    List<RetrievedPoint> points(String collection) throws Exception {
        try (QdrantConnection connection = QdrantConnection.open(qdrantConfig())) {
            ScrollPoints.Builder request = ScrollPoints.newBuilder().setCollectionName(collection).setLimit(1000)
                    .setWithPayload(WithPayloadSelectorFactory.enable(true))
                    .setWithVectors(WithVectorsSelectorFactory.enable(false));
            List<RetrievedPoint> all = new java.util.ArrayList<>();
            while (true) {
                ScrollResponse page = connection.client().scrollAsync(request.build()).get(30, TimeUnit.SECONDS);
                all.addAll(page.getResultList());
                if (!page.hasNextPageOffset()) {
                    return all;
                }
                request.setOffset(page.getNextPageOffset());
            }
        }
    }

    static SyncEntity entity(String table, String key, Long version, int dim, int seed) {
        float[] vector = new float[dim];
        for (int d = 0; d < dim; d++) {
            vector[d] = seed * 0.25f + d;
        }
        return SyncEntity.builder().id(RecordId.of(table, key)).vector(vector)
                .metadata(Map.of("title", "entity " + key + " #" + seed, "seed", (long) seed))
                .timestamp(T0.plusSeconds(seed)).workspaceId("ws-1").version(version).build();
    }

    @Override
    public void close() {
        qdrant.close();
        surreal.close();
    }
}
