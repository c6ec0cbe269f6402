package io.cortexsync.jobs.reconcile.compare;

import io.cortexsync.jobs.reconcile.digest.ElementHash;
import io.cortexsync.jobs.reconcile.element.SideElement;
import io.cortexsync.schema.model.RepairRecord;
import io.cortexsync.schema.model.RepairRecord.Action;
import io.cortexsync.schema.model.RepairRecord.Kind;
import io.cortexsync.schema.model.TargetPointId;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The differences between one leaf's elements on the two sides, by point id: a record without its
 * point is a MISSING_VECTOR, a point without its record an ORPHAN_VECTOR, and a point whose
 * content hash or record id is not the record's a MISMATCH. Elements that agree yield nothing.
 */
public final class LeafComparison {

    private LeafComparison() {}

    /**
     * @param repair whether the records carry the repairing action; otherwise NONE (a dry run)
     */
    public static List<RepairRecord> compare(List<SideElement> source, List<SideElement> target, int partition,
            Instant now, boolean repair) {
        Map<TargetPointId, SideElement> points = new LinkedHashMap<>();
        for (SideElement point : target) {
            points.put(point.pointId(), point);
        }
        List<RepairRecord> found = new ArrayList<>();
        for (SideElement record : source) {
            SideElement point = points.remove(record.pointId());
            if (point == null) {
                found.add(finding(Kind.MISSING_VECTOR, record.pointId(), record.entityId, record.table,
                        record.contentHash, null, partition, now, repair));
            } else if (!Objects.equals(record.contentHash, point.contentHash)
                    || !Objects.equals(record.entityId, point.entityId)) {
                found.add(finding(Kind.MISMATCH, record.pointId(), record.entityId, record.table,
                        record.contentHash, hashOrNull(point.contentHash), partition, now, repair));
            }
        }
        for (SideElement orphan : points.values()) {
            // a numeric id names no record (every point cortex-sync writes has a UUID)
            String entityId = orphan.numericId ? null : orphan.entityId;
            found.add(finding(Kind.ORPHAN_VECTOR, orphan.pointId(), entityId, orphan.table,
                    null, hashOrNull(orphan.contentHash), partition, now, repair));
        }
        return found;
    }

    private static RepairRecord finding(Kind kind, TargetPointId pointId, String entityId, String table,
            String sourceHash, String targetHash, int partition, Instant now, boolean repair) {
        return RepairRecord.builder()
                .kind(kind)
                .pointId(pointId)
                .entityId(entityId)
                .table(table)
                .partition(partition)
                .sourceHash(sourceHash)
                .targetHash(targetHash)
                .time(now)
                .action(repair ? Action.defaultFor(kind) : Action.NONE)
                .build();
    }

    /** A stored {@code _content_hash} that is no hash (tampered, truncated) is reported as none. */
    private static String hashOrNull(String contentHash) {
        return ElementHash.isHash(contentHash) ? contentHash : null;
    }
}
