package io.cortexsync.cli.check;

import io.cortexsync.connector.qdrant.client.QdrantConnection;
import io.cortexsync.connector.surrealdb.admin.SurrealAdmin;
import io.cortexsync.connector.surrealdb.client.SurrealClient;
import io.cortexsync.connector.surrealdb.client.SurrealRecordId;
import io.cortexsync.connector.surrealdb.source.convert.SyncEntityMapping;
import io.cortexsync.connector.surrealdb.source.record.SurrealChange;
import io.cortexsync.jobs.migrate.MigrationMapping;
import io.cortexsync.schema.hash.ContentHash;
import io.cortexsync.schema.ids.PointIds;
import io.cortexsync.schema.ids.RecordId;
import io.cortexsync.schema.model.PayloadFields;

import io.qdrant.client.PointIdFactory;
import io.qdrant.client.WithPayloadSelectorFactory;
import io.qdrant.client.WithVectorsSelectorFactory;
import io.qdrant.client.grpc.JsonWithInt.Value;
import io.qdrant.client.grpc.Points.RetrievedPoint;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Whether one entity agrees in both stores: its SurrealDB record, converted as the jobs convert it,
 * against the Qdrant point its id names ({@code _content_hash} against the record's hash).
 */
public final class EntityCheck {

    private static final Duration QDRANT_TIMEOUT = Duration.ofSeconds(30);

    private final SurrealClient surreal;
    private final QdrantConnection qdrant;
    private final String collection;
    private final String vectorField;

    public EntityCheck(SurrealClient surreal, QdrantConnection qdrant, String collection, String vectorField) {
        this.surreal = surreal;
        this.qdrant = qdrant;
        this.collection = collection;
        this.vectorField = vectorField;
    }

    /** Checks {@code id}; {@code dimension} is the vector size a record must have, 0 for any. */
    public CheckResult check(RecordId id, int dimension) throws InterruptedException {
        UUID pointId = PointIds.pointId(id);
        Optional<Map<String, Object>> record = select(SurrealRecordId.fromRecordId(id));
        String sourceHash = null;
        String problem = null;
        if (record.isPresent()) {
            Map<String, Object> row = record.get();
            int size = dimension > 0 ? dimension : vectorSize(row.get(vectorField));
            SyncEntityMapping.Result converted = MigrationMapping.of(vectorField, Math.max(size, 1))
                    .convert(SurrealChange.read(SurrealRecordId.fromRecordId(id), row), Instant.now());
            if (converted.ok()) {
                sourceHash = ContentHash.of(converted.entity());
            } else {
                problem = converted.problem();
            }
        }
        String targetHash = targetHash(pointId);
        return CheckResult.of(id.canonical(), pointId, record.isPresent(), sourceHash, problem, targetHash);
    }

    /** The record with its vector read as the jobs read it (an array of floats). */
    private Optional<Map<String, Object>> select(SurrealRecordId id) {
        List<Map<String, Object>> rows = new SurrealAdmin(surreal).read(id, vectorField);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    /** The point's {@code _content_hash}, "" when it has none, null when there is no point. */
    private String targetHash(UUID pointId) throws InterruptedException {
        List<RetrievedPoint> points;
        try {
            points = qdrant.client().retrieveAsync(collection, List.of(PointIdFactory.id(pointId)),
                            WithPayloadSelectorFactory.include(List.of(PayloadFields.CONTENT_HASH)),
                            WithVectorsSelectorFactory.enable(false), null, QDRANT_TIMEOUT)
                    .get(QDRANT_TIMEOUT.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Qdrant did not return point " + pointId + " of collection '" + collection
                    + "': " + (e.getCause() != null ? e.getCause().getMessage() : e), e);
        }
        if (points.isEmpty()) {
            return null;
        }
        Value hash = points.get(0).getPayloadMap().get(PayloadFields.CONTENT_HASH);
        return hash != null && hash.hasStringValue() ? hash.getStringValue() : "";
    }

    /** The record's own vector size, so that only a vector of no size at all is refused. */
    private static int vectorSize(Object vector) {
        if (vector instanceof float[]) {
            return ((float[]) vector).length;
        }
        if (vector instanceof List) {
            return ((List<?>) vector).size();
        }
        return 1;
    }
}
