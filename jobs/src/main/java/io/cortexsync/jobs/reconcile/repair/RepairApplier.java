package io.cortexsync.jobs.reconcile.repair;

import io.cortexsync.connector.qdrant.client.QdrantConnection;
import io.cortexsync.connector.qdrant.client.QdrantConnectionConfig;
import io.cortexsync.connector.qdrant.client.QdrantFailures;
import io.cortexsync.connector.qdrant.convert.SyncEntityPointConverter;
import io.cortexsync.connector.surrealdb.client.SurrealClient;
import io.cortexsync.connector.surrealdb.client.SurrealConnectionConfig;
import io.cortexsync.connector.surrealdb.client.SurrealFailures;
import io.cortexsync.connector.common.retry.Backoff;
import io.cortexsync.connector.common.retry.FailureClassifier;
import io.cortexsync.connector.common.retry.RetryingCall;
import io.cortexsync.connector.common.retry.TransientFailures;
import io.cortexsync.jobs.common.GaugedCounters;
import io.cortexsync.jobs.reconcile.ReconcileCounters;
import io.cortexsync.schema.ids.RecordId;
import io.cortexsync.schema.model.RepairRecord;
import io.cortexsync.schema.model.SyncEvent;

import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Repairs each difference it is given, idempotently, in three store requests: re-read what the
 * repair depends on, re-check the point, then write. A MISSING_VECTOR or MISMATCH re-reads its
 * record and upserts the point built from it; an ORPHAN_VECTOR deletes its point. When either
 * store changed since the difference was found the repair is skipped and left to the next pass.
 * Each applied repair is a REPAIRED {@link SyncEvent}. A transient store error (a cut connection,
 * a store restarting) repeats the whole repair, which is idempotent, after a backoff, up to {@link
 * #ATTEMPTS} times; any other error, or the last attempt's, is a FAILED event and the difference
 * remains for the next pass. Records with action NONE (a dry run) pass untouched.
 */
public final class RepairApplier extends ProcessFunction<RepairRecord, SyncEvent> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(RepairApplier.class);
    private static final Duration QDRANT_TIMEOUT = Duration.ofSeconds(30);
    /** Tries of one repair when the stores fail transiently; with the backoff, about 6 s in all. */
    static final int ATTEMPTS = 5;
    private static final RetryingCall STORE_CALLS = new RetryingCall(ATTEMPTS,
            new Backoff(Duration.ofMillis(200), Duration.ofSeconds(3)), TransientFailures.of(Stream.concat(
                    QdrantFailures.TRANSIENT.classifiers().stream(), SurrealFailures.TRANSIENT.classifiers().stream())
                    .toArray(FailureClassifier[]::new)));

    private final SurrealConnectionConfig surrealConfig;
    private final QdrantConnectionConfig qdrantConfig;
    private final String collection;
    private final String vectorField;
    private final int dimension;

    private transient SurrealClient surreal;
    private transient QdrantConnection qdrant;
    private transient SourceRecordLookup records;
    private transient PointLookup points;
    private transient SyncEntityPointConverter converter;
    private transient LongCounter attempted;
    private transient LongCounter succeeded;
    private transient LongCounter skipped;
    private transient LongCounter failed;
    private transient LongCounter operations;

    public RepairApplier(SurrealConnectionConfig surrealConfig, QdrantConnectionConfig qdrantConfig, String collection,
            String vectorField, int dimension) {
        this.surrealConfig = surrealConfig;
        this.qdrantConfig = qdrantConfig;
        this.collection = collection;
        this.vectorField = vectorField;
        this.dimension = dimension;
    }

    @Override
    public void open(OpenContext openContext) {
        surreal = SurrealClient.create(surrealConfig);
        qdrant = QdrantConnection.open(qdrantConfig);
        records = new SourceRecordLookup(surreal, vectorField);
        points = new PointLookup(qdrant, collection, QDRANT_TIMEOUT);
        converter = new SyncEntityPointConverter();
        attempted = counter(ReconcileCounters.REPAIRS_ATTEMPTED);
        succeeded = counter(ReconcileCounters.REPAIRS_SUCCEEDED);
        skipped = counter(ReconcileCounters.REPAIRS_SKIPPED);
        failed = counter(ReconcileCounters.REPAIRS_FAILED);
        operations = counter(ReconcileCounters.REPAIR_STORE_OPERATIONS);
    }

    private LongCounter counter(String name) {
        return GaugedCounters.of(getRuntimeContext(), name);
    }

    @Override
    public void processElement(RepairRecord found, Context ctx, Collector<SyncEvent> out) throws Exception {
        if (found.action() == RepairRecord.Action.NONE) {
            return;
        }
        attempted.add(1L);
        Optional<String> blocked;
        String done;
        try {
            RepairRecord.Action action = found.action();
            blocked = STORE_CALLS.call(() -> action == RepairRecord.Action.UPSERT_POINT ? upsertPoint(found) : deleteOrphan(found));
            done = action == RepairRecord.Action.UPSERT_POINT
                    ? "upserted the point of " + found.entityId()
                    : "deleted orphan point " + found.pointId();
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            failed.add(1L);
            String reason = e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
            LOG.warn("repair of {} {} failed: {}", found.kind(), found.pointId(), reason);
            out.collect(event(found, SyncEvent.Type.FAILED, "repair of " + found.kind() + " failed: " + reason));
            return;
        }
        if (blocked.isPresent()) {
            skipped.add(1L);
            LOG.info("repair of {} {} left to the next pass: {}", found.kind(), found.pointId(), blocked.get());
            return;
        }
        succeeded.add(1L);
        out.collect(event(found, SyncEvent.Type.REPAIRED, done + " (" + found.kind() + ")"));
    }

    /** Re-reads the record and the point, and upserts the point unless either changed; what blocked it, if anything. */
    private Optional<String> upsertPoint(RepairRecord found) throws Exception {
        SourceRecordLookup.Found record = records.lookup(RecordId.parse(found.entityId()), dimension);
        PointLookup.Found point = points.lookup(found.pointId());
        operations.add(2L);
        Optional<String> blocked = RepairDecision.upsertBlocked(found, record, point);
        if (blocked.isEmpty()) {
            qdrant.client().upsertAsync(collection, List.of(converter.point(record.entity())), QDRANT_TIMEOUT)
                    .get(QDRANT_TIMEOUT.toMillis() + 1000, TimeUnit.MILLISECONDS);
            operations.add(1L);
        }
        return blocked;
    }

    /** Re-reads the orphan's record (when it names one) and the point, and deletes the point unless either changed. */
    private Optional<String> deleteOrphan(RepairRecord found) throws Exception {
        Optional<RecordId> recordId = RepairDecision.recordOfOrphan(found);
        Optional<SourceRecordLookup.Found> record = recordId.map(id -> records.lookup(id, dimension));
        PointLookup.Found point = points.lookup(found.pointId());
        operations.add(record.isPresent() ? 2L : 1L);
        Optional<String> blocked = RepairDecision.deleteBlocked(found, record, point);
        if (blocked.isEmpty()) {
            qdrant.client().deleteAsync(collection, List.of(PointLookup.grpcId(found.pointId())), QDRANT_TIMEOUT)
                    .get(QDRANT_TIMEOUT.toMillis() + 1000, TimeUnit.MILLISECONDS);
            operations.add(1L);
        }
        return blocked;
    }

    private static SyncEvent event(RepairRecord found, SyncEvent.Type type, String detail) {
        Instant now = Instant.now();
        return SyncEvent.builder()
                .type(type)
                .entityId(found.entityId())
                .requestId("repair:" + found.pointId() + ":" + found.time().toEpochMilli())
                .detail(detail)
                .attempt(1)
                .latencyMs(Math.max(0, now.toEpochMilli() - found.time().toEpochMilli()))
                .time(now)
                .build();
    }

    @Override
    public void close() throws Exception {
        try {
            if (qdrant != null) {
                qdrant.close();
            }
        } finally {
            if (surreal != null) {
                surreal.close();
            }
        }
    }
}
