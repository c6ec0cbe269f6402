package io.cortexsync.cli.run;

import io.cortexsync.connector.qdrant.client.QdrantConnection;
import io.cortexsync.connector.surrealdb.admin.SurrealAdmin;
import io.cortexsync.connector.surrealdb.client.SurrealClient;
import io.cortexsync.connector.surrealdb.client.SurrealRecordId;
import io.cortexsync.connector.surrealdb.source.convert.SyncEntityMapping;
import io.cortexsync.connector.surrealdb.source.record.SurrealChange;
import io.cortexsync.jobs.migrate.MigrationMapping;
import io.cortexsync.schema.hash.ContentHash;
import io.cortexsync.schema.model.PayloadFields;
import io.qdrant.client.WithPayloadSelectorFactory;
import io.qdrant.client.grpc.JsonWithInt.Value;
import io.qdrant.client.grpc.Points.RetrievedPoint;
import io.qdrant.client.grpc.Points.ScrollPoints;
import io.qdrant.client.grpc.Points.ScrollResponse;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/** Both stores' contents as record id → content hash, to compare them for equality. */
public final class StoreStates {

    private StoreStates() {}

    /** What Qdrant should hold for SurrealDB's {@code table}: every record that makes an entity, by canonical id. */
    public static Map<String, String> surreal(SurrealClient client, String table, String vectorField, int dimension) {
        SyncEntityMapping mapping = MigrationMapping.of(vectorField, dimension);
        SurrealAdmin admin = new SurrealAdmin(client);
        Map<String, String> hashes = new TreeMap<>();
        Instant now = Instant.now();
        for (SurrealRecordId range : admin.keyRanges(table, 500)) {
            for (Map<String, Object> row : admin.read(range, vectorField)) {
                SyncEntityMapping.Result converted = mapping.convert(SurrealChange.read((SurrealRecordId) row.get("id"), row), now);
                if (converted.ok()) {
                    hashes.put(converted.entity().id().canonical(), ContentHash.of(converted.entity()));
                }
            }
        }
        return hashes;
    }

    /** Every point of {@code collection}, by its {@code _surreal_id}. */
    public static Map<String, String> qdrant(QdrantConnection qdrant, String collection) throws Exception {
        Map<String, String> hashes = new TreeMap<>();
        ScrollPoints.Builder request = ScrollPoints.newBuilder().setCollectionName(collection).setLimit(1000)
                .setWithPayload(WithPayloadSelectorFactory.include(List.of(PayloadFields.SURREAL_ID, PayloadFields.CONTENT_HASH)));
        while (true) {
            ScrollResponse page = qdrant.client().scrollAsync(request.build()).get(30, TimeUnit.SECONDS);
            for (RetrievedPoint point : page.getResultList()) {
                Value hash = point.getPayloadMap().get(PayloadFields.CONTENT_HASH);
                hashes.put(point.getPayloadMap().get(PayloadFields.SURREAL_ID).getStringValue(),
                        hash == null ? "" : hash.getStringValue());
            }
            if (!page.hasNextPageOffset()) {
                return hashes;
            }
            request.setOffset(page.getNextPageOffset());
        }
    }
}
