package io.cortexsync.jobs.reconcile.element;

import io.cortexsync.jobs.reconcile.digest.ElementHash;
import io.cortexsync.schema.ids.PointIds;
import io.cortexsync.schema.model.TargetPointId;

import java.util.Objects;
import java.util.UUID;

/**
 * One entity as one side holds it, on its way to its partition: the point id it has (or, for a
 * record, would have), the record id and table it names, and its content hash. A Flink POJO: it
 * only travels between operators; state keeps it in {@link LeafBucket}s.
 */
public final class SideElement {

    public Side side;
    /** The point id's two halves; a numeric id has 0 and its number. */
    public long idHigh;
    public long idLow;
    public boolean numericId;
    /** The canonical record id (a point's {@code _surreal_id}); null for a point without one. */
    public String entityId;
    /** The table; null for a point that names none. */
    public String table;
    /** The content hash (a point's {@code _content_hash}, as stored); null when the point has none. */
    public String contentHash;
    public int partition;
    public int leaf;
    /** The vector, only when vectors are compared (reconcile.deep); never kept in state. */
    public float[] vector;
    /** The record was deleted (or can no longer be synced): the element leaves its side. */
    public boolean removed;

    public SideElement() {}

    /** An element of {@code side} placed in its partition and leaf by the id's leading bits. */
    public static SideElement of(Side side, TargetPointId id, String entityId, String table, String contentHash,
            int partitionBits, int leafBits) {
        SideElement e = new SideElement();
        e.side = side;
        e.numericId = !id.isUuid();
        if (id.isUuid()) {
            UUID uuid = id.uuid();
            e.idHigh = uuid.getMostSignificantBits();
            e.idLow = uuid.getLeastSignificantBits();
            e.partition = PointIds.partition(uuid, partitionBits);
            e.leaf = PointIds.leaf(uuid, partitionBits, leafBits);
        } else {
            // as a 128-bit number a numeric id's leading bits are zero, and Qdrant orders
            // numbers before every UUID: partition 0, leaf 0
            e.idLow = id.number();
        }
        e.entityId = entityId;
        e.table = table;
        e.contentHash = contentHash;
        return e;
    }

    public TargetPointId pointId() {
        return numericId ? TargetPointId.ofNumber(idLow) : TargetPointId.of(new UUID(idHigh, idLow));
    }

    /** What the element adds to its leaf's sum: its id, content hash and the record id it names. */
    public long elementHash() {
        return ElementHash.withEntityId(ElementHash.of(idHigh, idLow, numericId, contentHash), entityId);
    }

    /** This element without its vector: what the partition comparison needs. */
    public SideElement withoutVector() {
        if (vector == null) {
            return this;
        }
        SideElement copy = new SideElement();
        copy.side = side;
        copy.idHigh = idHigh;
        copy.idLow = idLow;
        copy.numericId = numericId;
        copy.entityId = entityId;
        copy.table = table;
        copy.contentHash = contentHash;
        copy.partition = partition;
        copy.leaf = leaf;
        copy.removed = removed;
        return copy;
    }

    /** Whether both are the same point id. */
    public boolean sameId(SideElement other) {
        return numericId == other.numericId && idHigh == other.idHigh && idLow == other.idLow;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SideElement that
                && side == that.side && idHigh == that.idHigh && idLow == that.idLow && numericId == that.numericId
                && Objects.equals(entityId, that.entityId) && Objects.equals(table, that.table)
                && Objects.equals(contentHash, that.contentHash) && partition == that.partition && leaf == that.leaf;
    }

    @Override
    public int hashCode() {
        return Objects.hash(side, idHigh, idLow, numericId, entityId, contentHash);
    }

    @Override
    public String toString() {
        return side + " " + pointId() + " (" + entityId + ", " + table + ", " + contentHash + ") in " + partition + "/" + leaf;
    }
}
