package io.cortexsync.connector.dualwrite.apply;

import io.cortexsync.connector.dualwrite.ConflictPolicy;
import io.cortexsync.connector.dualwrite.DualWriteSettings;
import io.cortexsync.connector.dualwrite.commit.ChangeOutcome;
import io.cortexsync.connector.dualwrite.commit.CommitFaults;
import io.cortexsync.connector.dualwrite.commit.CommitMarker;
import io.cortexsync.connector.dualwrite.commit.DualWriteCommittable;
import io.cortexsync.connector.dualwrite.commit.PendingChange;
import io.cortexsync.connector.qdrant.client.QdrantConnection;
import io.cortexsync.connector.qdrant.client.QdrantFailures;
import io.cortexsync.connector.qdrant.convert.SyncEntityPointConverter;
import io.cortexsync.schema.ids.PointIds;
import io.cortexsync.schema.model.EntityChange;
import io.cortexsync.schema.model.PayloadFields;
import io.cortexsync.schema.model.SyncEntity;
import io.qdrant.client.ConditionFactory;
import io.qdrant.client.PointIdFactory;
import io.qdrant.client.grpc.Common.Filter;
import io.qdrant.client.grpc.Common.PointId;
import io.qdrant.client.grpc.Common.Range;
import io.qdrant.client.grpc.Points.DeletePoints;
import io.qdrant.client.grpc.Points.PointStruct;
import io.qdrant.client.grpc.Points.PointsSelector;
import io.qdrant.client.grpc.Points.UpsertPoints;

import org.apache.flink.annotation.Internal;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The Qdrant half of a commit: the final state of every record the committable changed in
 * SurrealDB, as one upsert and one delete request. With the VERSION policy both are conditional
 * on the stored point's {@code _version} (older or none), so a batch written again after a
 * restore, or behind a newer one, never overwrites a newer point. A point Qdrant refuses for good
 * is found by writing the batch's points one by one; its record is compensated in SurrealDB.
 */
@Internal
public final class QdrantCommit {

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

    private final QdrantConnection qdrant;
    private final DualWriteSettings settings;
    private final SyncEntityPointConverter points;
    private final Compensation compensation;

    public QdrantCommit(QdrantConnection qdrant, DualWriteSettings settings, Compensation compensation, Clock clock) {
        this.qdrant = qdrant;
        this.settings = settings;
        this.points = new SyncEntityPointConverter(clock);
        this.compensation = compensation;
    }

    /**
     * Writes the committable's applied changes to Qdrant and returns the final outcomes. A
     * transient failure is thrown as {@link QdrantUnavailableException}; nothing is then decided.
     */
    public List<ChangeOutcome> apply(DualWriteCommittable committable, CommitMarker marker) {
        Map<String, EntityChange> last = lastApplied(committable, marker.outcomes());
        Map<String, String> refused = new LinkedHashMap<>();
        try {
            write(new ArrayList<>(last.values()));
        } catch (QdrantRefusedException batchRefused) {
            for (Map.Entry<String, EntityChange> entry : last.entrySet()) {
                try {
                    write(List.of(entry.getValue()));
                } catch (QdrantRefusedException e) {
                    refused.put(entry.getKey(), e.getMessage());
                }
            }
        }
        if (refused.isEmpty()) {
            return marker.outcomes();
        }
        List<ChangeOutcome> outcomes = new ArrayList<>(marker.outcomes());
        for (Map.Entry<String, String> entry : refused.entrySet()) {
            String reason = "Qdrant refused the point: " + entry.getValue();
            String restored = compensation.restore(entry.getKey(), last.get(entry.getKey()), marker.before().get(entry.getKey()));
            for (int i = 0; i < outcomes.size(); i++) {
                PendingChange pending = committable.changes().get(i);
                if (outcomes.get(i).kind() == ChangeOutcome.Kind.APPLIED
                        && pending.change().recordId().canonical().equals(entry.getKey())) {
                    outcomes.set(i, restored == null
                            ? new ChangeOutcome(ChangeOutcome.Kind.COMPENSATED, reason + "; SurrealDB restored")
                            : new ChangeOutcome(ChangeOutcome.Kind.FAILED, reason + "; " + restored));
                }
            }
        }
        return outcomes;
    }

    /** Per record, the last change that was applied in SurrealDB: the state Qdrant must end in. */
    static Map<String, EntityChange> lastApplied(DualWriteCommittable committable, List<ChangeOutcome> outcomes) {
        Map<String, EntityChange> last = new LinkedHashMap<>();
        for (int i = 0; i < committable.changes().size(); i++) {
            if (outcomes.get(i).kind() == ChangeOutcome.Kind.APPLIED) {
                EntityChange change = committable.changes().get(i).change();
                last.remove(change.recordId().canonical());
                last.put(change.recordId().canonical(), change);
            }
        }
        return last;
    }

    private void write(List<EntityChange> changes) {
        List<PointStruct> upserts = new ArrayList<>();
        List<EntityChange> deletes = new ArrayList<>();
        for (EntityChange change : changes) {
            if (change.isDelete()) {
                deletes.add(change);
            } else {
                upserts.add(points.point(asStored(change.entity())));
            }
        }
        if (!upserts.isEmpty()) {
            UpsertPoints.Builder request = UpsertPoints.newBuilder().setCollectionName(settings.collection())
                    .setWait(true).addAllPoints(upserts);
            if (settings.conflict() == ConflictPolicy.VERSION) {
                request.setUpdateFilter(olderVersions(changes, false));
            }
            call(() -> qdrant.client().upsertAsync(request.build(), CALL_TIMEOUT).get(CALL_TIMEOUT.toMillis() + 5000, TimeUnit.MILLISECONDS));
        }
        if (!deletes.isEmpty()) {
            if (!upserts.isEmpty()) {
                CommitFaults.at(CommitFaults.Step.MID_QDRANT);
            }
            Filter filter = settings.conflict() == ConflictPolicy.VERSION
                    ? olderVersions(deletes, true)
                    : Filter.newBuilder().addMust(ConditionFactory.hasId(ids(deletes))).build();
            DeletePoints request = DeletePoints.newBuilder().setCollectionName(settings.collection()).setWait(true)
                    .setPoints(PointsSelector.newBuilder().setFilter(filter)).build();
            call(() -> qdrant.client().deleteAsync(request, CALL_TIMEOUT).get(CALL_TIMEOUT.toMillis() + 5000, TimeUnit.MILLISECONDS));
        }
    }

    /**
     * The entity as any reader of its SurrealDB record sees it: the version (and, by timestamp,
     * the timestamp) are fields of the record, so they are metadata too. The point's content hash
     * is then the one a migration, the cdc job or a reconciliation computes from the record.
     */
    SyncEntity asStored(SyncEntity entity) {
        Map<String, Object> metadata = new LinkedHashMap<>(entity.metadata());
        metadata.remove("id");
        metadata.remove(settings.vectorField());
        if (entity.version() != null) {
            metadata.put(settings.versionField(), entity.version());
        }
        if (settings.conflict() == ConflictPolicy.TIMESTAMP) {
            metadata.put(settings.timestampField(), entity.timestamp().toString());
        }
        return entity.toBuilder().metadata(metadata).build();
    }

    /**
     * Matches a stored point that a change of the batch may overwrite: one without a version, or
     * one whose version is older than its change's (an unversioned change matches its point).
     * For deletes the filter is the whole selector, so it is bound to the batch's own ids.
     */
    private static Filter olderVersions(List<EntityChange> changes, boolean onlyTheseIds) {
        Filter.Builder filter = Filter.newBuilder();
        for (EntityChange change : changes) {
            if (onlyTheseIds != change.isDelete()) {
                continue;
            }
            PointId id = pointId(change);
            if (change.version() == null) {
                filter.addShould(ConditionFactory.hasId(id));
            } else {
                Filter older = Filter.newBuilder().addMust(ConditionFactory.hasId(id))
                        .addMust(ConditionFactory.range(PayloadFields.VERSION, Range.newBuilder().setLt(change.version()).build()))
                        .build();
                filter.addShould(ConditionFactory.filter(older));
            }
        }
        filter.addShould(ConditionFactory.isEmpty(PayloadFields.VERSION));
        if (onlyTheseIds) {
            filter.addMust(ConditionFactory.hasId(ids(changes)));
        }
        return filter.build();
    }

    private static List<PointId> ids(List<EntityChange> changes) {
        List<PointId> ids = new ArrayList<>();
        for (EntityChange change : changes) {
            ids.add(pointId(change));
        }
        return ids;
    }

    private static PointId pointId(EntityChange change) {
        return PointIdFactory.id(PointIds.pointId(change.recordId()));
    }

    private interface Call {
        Object run() throws Exception;
    }

    private static void call(Call call) {
        try {
            call.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new QdrantUnavailableException("interrupted", e);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            if (cause instanceof TimeoutException || QdrantFailures.TRANSIENT.isTransient(cause)) {
                throw new QdrantUnavailableException(String.valueOf(cause.getMessage()), cause);
            }
            throw new QdrantRefusedException(QdrantFailures.code(cause) + ": " + cause.getMessage(), cause);
        } catch (Exception e) {
            throw new QdrantUnavailableException(String.valueOf(e.getMessage()), e);
        }
    }

    /** Qdrant could not be reached or answered a transient failure: the batch waits and is tried again. */
    public static final class QdrantUnavailableException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        QdrantUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Qdrant refused a request for what it holds: writing the same again fails again. */
    static final class QdrantRefusedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        QdrantRefusedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
