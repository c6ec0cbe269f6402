package io.cortexsync.cli.check;

import io.cortexsync.connector.qdrant.client.QdrantConnection;
import io.cortexsync.connector.surrealdb.client.SurrealClient;
import io.cortexsync.jobs.reconcile.repair.PointLookup;
import io.cortexsync.jobs.reconcile.repair.SourceRecordLookup;
import io.cortexsync.schema.ids.PointIds;
import io.cortexsync.schema.ids.RecordId;
import io.cortexsync.schema.model.TargetPointId;

import java.time.Duration;
import java.util.UUID;

/**
 * Whether one entity agrees in both stores: its SurrealDB record, converted as the jobs convert it,
 * against the Qdrant point its id names ({@code _content_hash} against the record's hash). The
 * same two look-ups a reconciliation's repair makes before it writes.
 */
public final class EntityCheck {

    private static final Duration QDRANT_TIMEOUT = Duration.ofSeconds(30);

    private final SourceRecordLookup records;
    private final PointLookup points;

    public EntityCheck(SurrealClient surreal, QdrantConnection qdrant, String collection, String vectorField) {
        this.records = new SourceRecordLookup(surreal, vectorField);
        this.points = new PointLookup(qdrant, collection, QDRANT_TIMEOUT);
    }

    /** Checks {@code id}; {@code dimension} is the vector size a record must have, 0 for any. */
    public CheckResult check(RecordId id, int dimension) throws InterruptedException {
        UUID pointId = PointIds.pointId(id);
        SourceRecordLookup.Found record = records.lookup(id, dimension);
        PointLookup.Found point = points.lookup(TargetPointId.of(pointId));
        // a point without a hash is there but agrees with nothing: "" tells it from no point
        String targetHash = !point.exists() ? null : point.contentHash() == null ? "" : point.contentHash();
        return CheckResult.of(id.canonical(), pointId, record.exists(), record.contentHash(), record.problem(), targetHash);
    }
}
