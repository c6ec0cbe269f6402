package io.cortexsync.jobs.reconcile.repair;

import io.cortexsync.jobs.reconcile.digest.ElementHash;
import io.cortexsync.schema.ids.PointIds;
import io.cortexsync.schema.ids.RecordId;
import io.cortexsync.schema.model.RepairRecord;

import java.util.Objects;
import java.util.Optional;

/**
 * Whether a difference found a moment ago still stands, from the two stores as they are now: a
 * repair writes only then. Anything that changed since it was found (a record written or deleted,
 * a point written by the sync meanwhile) is left to the next pass, and says why.
 */
public final class RepairDecision {

    private RepairDecision() {}

    /** Why an upsert must not happen now, or empty when the record and point are still as found. */
    public static Optional<String> upsertBlocked(RepairRecord found, SourceRecordLookup.Found record,
            PointLookup.Found point) {
        if (!record.exists()) {
            return Optional.of("the record was deleted since the difference was found");
        }
        if (!record.syncable()) {
            return Optional.of("the record cannot be synced now: " + record.problem());
        }
        if (!Objects.equals(record.contentHash(), found.sourceHash())) {
            return Optional.of("the record changed since the difference was found");
        }
        if (found.kind() == RepairRecord.Kind.MISSING_VECTOR ? point.exists() : !pointAsFound(found, point)) {
            return Optional.of("the point changed since the difference was found");
        }
        return Optional.empty();
    }

    /** Why a delete must not happen now, or empty when the point is still an orphan as found. */
    public static Optional<String> deleteBlocked(RepairRecord found, Optional<SourceRecordLookup.Found> record,
            PointLookup.Found point) {
        if (record.isPresent() && record.get().exists() && record.get().syncable()) {
            return Optional.of("the record " + found.entityId() + " exists now");
        }
        if (!point.exists()) {
            return Optional.of("the point is gone already");
        }
        if (!pointAsFound(found, point)) {
            return Optional.of("the point changed since the difference was found");
        }
        return Optional.empty();
    }

    /**
     * The record an orphan's repair must look for: the one its point is the point of. An orphan
     * whose {@code _surreal_id} names a record whose point id is another one is a stray copy, and
     * stays an orphan whatever that record does.
     */
    public static Optional<RecordId> recordOfOrphan(RepairRecord found) {
        if (found.entityId() == null || !found.pointId().isUuid()) {
            return Optional.empty();
        }
        try {
            RecordId id = RecordId.parse(found.entityId());
            return PointIds.pointId(id).equals(found.pointId().uuid()) ? Optional.of(id) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static boolean pointAsFound(RepairRecord found, PointLookup.Found point) {
        String stored = ElementHash.isHash(point.contentHash()) ? point.contentHash() : null;
        return point.exists() && Objects.equals(stored, found.targetHash());
    }
}
