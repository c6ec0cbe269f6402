package io.cortexsync.jobs.cluster;

import io.cortexsync.connector.qdrant.client.QdrantConnection;
import io.cortexsync.connector.qdrant.client.QdrantConnectionConfig;
import io.cortexsync.connector.surrealdb.client.QueryOptions;
import io.cortexsync.connector.surrealdb.client.SurrealClient;
import io.cortexsync.connector.surrealdb.client.SurrealConnectionConfig;
import io.cortexsync.connector.surrealdb.client.SurrealRecordId;
import io.cortexsync.connector.surrealdb.source.convert.SyncEntityMapping;
import io.cortexsync.connector.surrealdb.source.record.SurrealChange;
import io.cortexsync.jobs.migrate.MigrationMapping;
import io.cortexsync.schema.hash.ContentHash;
import io.cortexsync.schema.ids.PointIds;
import io.qdrant.client.PointIdFactory;
import io.qdrant.client.WithPayloadSelectorFactory;
import io.qdrant.client.WithVectorsSelectorFactory;
import io.qdrant.client.grpc.Common.PointId;
import io.qdrant.client.grpc.JsonWithInt.Value;
import io.qdrant.client.grpc.Points.RetrievedPoint;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Checks a migrated table in one pass per store: every record's point is in Qdrant with the
 * {@code _content_hash} of the record as SurrealDB holds it. The test's own check, so that 100,000
 * records are verified in seconds whatever the engine's cost of paging.
 */
final class StoredHashes {

    private static final int BATCH = 1000;
    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    /** What the check found: records checked, points with the right hash, points missing or with another hash. */
    record Result(long records, long correct, long missing, long wrongHash) {}

    private StoredHashes() {}

    static Result check(ClusterTestStores stores, String table, String collection, int dim) throws Exception {
        Map<UUID, String> expected = new HashMap<>();
        SyncEntityMapping mapping = MigrationMapping.of("vector", dim);
        Instant now = Instant.now();
        try (SurrealClient surreal = SurrealClient.create(SurrealConnectionConfig.builder()
                .url(stores.surreal.baseUrl()).namespace(ClusterTestStores.NAMESPACE).database(ClusterTestStores.DATABASE)
                .basicAuth(stores.surreal.user(), stores.surreal.password()).requestTimeout(TIMEOUT).build())) {
            List<Map<String, Object>> rows = surreal.query("SELECT * FROM " + table, Map.of(),
                    QueryOptions.DEFAULTS.withIdempotent(true).withFloatArrayFields("vector")).get(0).records();
            for (Map<String, Object> row : rows) {
                SyncEntityMapping.Result converted = mapping.convert(SurrealChange.read((SurrealRecordId) row.get("id"), row), now);
                expected.put(PointIds.pointId(converted.entity().id()), ContentHash.of(converted.entity()));
            }
        }
        long correct = 0;
        long missing = 0;
        long wrongHash = 0;
        List<UUID> ids = new ArrayList<>(expected.keySet());
        try (QdrantConnection qdrant = QdrantConnection.open(QdrantConnectionConfig.builder()
                .host(stores.qdrant.host()).port(stores.qdrant.port()).build())) {
            for (int from = 0; from < ids.size(); from += BATCH) {
                List<PointId> batch = new ArrayList<>();
                ids.subList(from, Math.min(ids.size(), from + BATCH)).forEach(id -> batch.add(PointIdFactory.id(id)));
                Map<UUID, String> found = new HashMap<>();
                for (RetrievedPoint point : qdrant.client().retrieveAsync(collection, batch,
                        WithPayloadSelectorFactory.include(List.of("_content_hash")), WithVectorsSelectorFactory.enable(false),
                        null, TIMEOUT).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                    Value hash = point.getPayloadMap().get("_content_hash");
                    found.put(UUID.fromString(point.getId().getUuid()), hash == null ? "" : hash.getStringValue());
                }
                for (PointId id : batch) {
                    UUID uuid = UUID.fromString(id.getUuid());
                    String actual = found.get(uuid);
                    if (actual == null) {
                        missing++;
                    } else if (actual.equals(expected.get(uuid))) {
                        correct++;
                    } else {
                        wrongHash++;
                    }
                }
            }
        }
        return new Result(expected.size(), correct, missing, wrongHash);
    }
}
