package io.cortexsync.schema.model;

import io.cortexsync.schema.ids.PointIds;
import io.cortexsync.schema.ids.RecordId;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One difference found by reconciliation between SurrealDB (source) and Qdrant (target), and the
 * action that repairs it.
 *
 * <p>A {@link Kind#MISSING_VECTOR} has no target hash and an {@link Kind#ORPHAN_VECTOR} has no
 * source hash. An orphan's entity id is {@code null} when its point carries no {@code _surreal_id},
 * and its table when it carries no {@code _table}; the point id is always known (when not given, it
 * is derived from the entity id, which must then be a canonical record id). A numeric point id
 * (Qdrant's other id form, never one cortex-sync writes) belongs to an orphan without entity id.
 */
public final class RepairRecord {

    /** The kind of difference. */
    public enum Kind {
        /** The record exists in SurrealDB but its point is missing from Qdrant. */
        MISSING_VECTOR,
        /** The point exists in Qdrant but its record is missing from SurrealDB. */
        ORPHAN_VECTOR,
        /** Both exist but their content hashes differ. */
        MISMATCH
    }

    /** What the repair does. */
    public enum Action {
        /** Re-read the source record and upsert its point (default unless ORPHAN_VECTOR). */
        UPSERT_POINT,
        /** Delete the point (the default for ORPHAN_VECTOR). */
        DELETE_POINT,
        /** Report only (a dry run). */
        NONE;

        /** The action that repairs a difference of this kind. */
        public static Action defaultFor(Kind kind) {
            return kind == Kind.ORPHAN_VECTOR ? DELETE_POINT : UPSERT_POINT;
        }
    }

    private final Kind kind;
    private final String entityId;
    private final TargetPointId pointId;
    private final String table;
    private final int partition;
    private final String sourceHash;
    private final String targetHash;
    private final Instant time;
    private final Action action;

    private RepairRecord(Builder b) {
        this.kind = Checks.required(b.kind, "kind");
        this.entityId = Checks.nullOrNonBlank(b.entityId, "entityId");
        if (entityId == null && kind != Kind.ORPHAN_VECTOR) {
            throw new IllegalArgumentException("entityId is required for " + kind);
        }
        if (b.pointId != null) {
            this.pointId = b.pointId;
        } else if (entityId != null) {
            this.pointId = TargetPointId.of(PointIds.pointId(RecordId.parse(entityId)));
        } else {
            throw new IllegalArgumentException("pointId is required when entityId is null");
        }
        if (!pointId.isUuid() && entityId != null) {
            throw new IllegalArgumentException("a numeric pointId names no record: entityId must be null, not " + entityId);
        }
        if (b.table == null && kind != Kind.ORPHAN_VECTOR) {
            throw new IllegalArgumentException("table is required for " + kind);
        }
        this.table = b.table == null ? null : Checks.nonBlank(b.table, "table");
        this.partition = Checks.nonNegative(b.partition, "partition");
        this.sourceHash = Checks.nullOrHash(b.sourceHash, "sourceHash");
        this.targetHash = Checks.nullOrHash(b.targetHash, "targetHash");
        if (kind == Kind.MISSING_VECTOR && targetHash != null) {
            throw new IllegalArgumentException("a MISSING_VECTOR has no targetHash");
        }
        if (kind == Kind.ORPHAN_VECTOR && sourceHash != null) {
            throw new IllegalArgumentException("an ORPHAN_VECTOR has no sourceHash");
        }
        this.time = Checks.required(b.time, "time");
        this.action = b.action != null ? b.action : Action.defaultFor(kind);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Kind kind() {
        return kind;
    }

    /** The canonical record id, or {@code null} for an orphan point without {@code _surreal_id}. */
    public String entityId() {
        return entityId;
    }

    public TargetPointId pointId() {
        return pointId;
    }

    /** The table, or {@code null} for an orphan point without {@code _table}. */
    public String table() {
        return table;
    }

    /** The reconciliation partition (leading bits of the point id) the difference was found in. */
    public int partition() {
        return partition;
    }

    /** The content hash computed from SurrealDB, or {@code null} when the record is absent. */
    public String sourceHash() {
        return sourceHash;
    }

    /** The {@code _content_hash} stored in Qdrant, or {@code null} when absent. */
    public String targetHash() {
        return targetHash;
    }

    public Instant time() {
        return time;
    }

    public Action action() {
        return action;
    }

    @Override
    public boolean equals(Object o) {
        return this == o
                || o instanceof RepairRecord that
                        && kind == that.kind
                        && Objects.equals(entityId, that.entityId)
                        && pointId.equals(that.pointId)
                        && Objects.equals(table, that.table)
                        && partition == that.partition
                        && Objects.equals(sourceHash, that.sourceHash)
                        && Objects.equals(targetHash, that.targetHash)
                        && time.equals(that.time)
                        && action == that.action;
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                kind, entityId, pointId, table, partition, sourceHash, targetHash, time, action);
    }

    @Override
    public String toString() {
        return "RepairRecord{"
                + kind
                + ", entityId="
                + entityId
                + ", pointId="
                + pointId
                + ", table="
                + table
                + ", partition="
                + partition
                + ", sourceHash="
                + sourceHash
                + ", targetHash="
                + targetHash
                + ", time="
                + time
                + ", action="
                + action
                + '}';
    }

    /**
     * Builds a {@link RepairRecord}: {@code kind}, {@code table} and {@code time} are required;
     * {@code entityId} too unless the kind is ORPHAN_VECTOR (then {@code pointId} is); {@code
     * action} defaults to {@link Action#defaultFor}.
     */
    public static final class Builder {
        private Kind kind;
        private String entityId;
        private TargetPointId pointId;
        private String table;
        private int partition;
        private String sourceHash;
        private String targetHash;
        private Instant time;
        private Action action;

        private Builder() {}

        public Builder kind(Kind kind) {
            this.kind = kind;
            return this;
        }

        public Builder entityId(String entityId) {
            this.entityId = entityId;
            return this;
        }

        public Builder pointId(UUID pointId) {
            this.pointId = pointId == null ? null : TargetPointId.of(pointId);
            return this;
        }

        public Builder pointId(TargetPointId pointId) {
            this.pointId = pointId;
            return this;
        }

        public Builder table(String table) {
            this.table = table;
            return this;
        }

        public Builder partition(int partition) {
            this.partition = partition;
            return this;
        }

        public Builder sourceHash(String sourceHash) {
            this.sourceHash = sourceHash;
            return this;
        }

        public Builder targetHash(String targetHash) {
            this.targetHash = targetHash;
            return this;
        }

        public Builder time(Instant time) {
            this.time = time;
            return this;
        }

        public Builder action(Action action) {
            this.action = action;
            return this;
        }

        public RepairRecord build() {
            return new RepairRecord(this);
        }
    }
}
