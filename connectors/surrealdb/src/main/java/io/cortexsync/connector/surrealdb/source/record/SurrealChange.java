package io.cortexsync.connector.surrealdb.source.record;

import io.cortexsync.connector.surrealdb.client.SurrealRecordId;

import org.apache.flink.annotation.Internal;
import org.apache.flink.annotation.PublicEvolving;

import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One record read by the SurrealSource: a snapshot read, an upsert or a delete (a tombstone whose
 * fields are {@code null}), with the versionstamp of the change feed entry it came from; or a
 * {@link Op#SNAPSHOT_DONE} marker, which names a table instead of a record.
 *
 * <p>Immutable. Vector fields named in the source's configuration hold {@code float[]}; the other
 * fields hold the values the client decodes (String, Long, Double, Boolean, List, Map, Instant,
 * SurrealRecordId, ...). Flink serializes it with {@link SurrealChangeSerializer#TYPE_INFO}, never Kryo.
 */
@PublicEvolving
public final class SurrealChange {

    /** What happened to the record. */
    public enum Op {
        /** Read by the snapshot. */
        READ,
        /** Created or updated, as seen in the change feed. */
        UPSERT,
        /** Deleted: a tombstone without fields. */
        DELETE,
        /**
         * Not a record: the snapshot of {@link #table()} that started at {@link #snapshotStartedAt()}
         * is complete and every record it read has passed a completed checkpoint. The change stream
         * emits one per watched table after each snapshot it follows (the initial one and every
         * re-snapshot), before any change. A snapshot emits no deletes, so whatever a downstream
         * store holds of that table and last wrote before {@code snapshotStartedAt} no longer exists.
         */
        SNAPSHOT_DONE
    }

    private final SurrealRecordId id;
    private final String table;
    private final Op op;
    private final Map<String, Object> fields;
    private final long versionstamp;
    private final Instant snapshotStartedAt;

    private SurrealChange(SurrealRecordId id, Op op, Map<String, Object> fields, long versionstamp) {
        this.id = Objects.requireNonNull(id, "id");
        this.table = id.table();
        this.op = Objects.requireNonNull(op, "op");
        if (op == Op.SNAPSHOT_DONE) {
            throw new IllegalArgumentException("a SNAPSHOT_DONE marker names a table, not a record");
        }
        if ((op == Op.DELETE) != (fields == null)) {
            throw new IllegalArgumentException("a DELETE has no fields; READ and UPSERT have fields");
        }
        this.fields = fields == null ? null : Collections.unmodifiableMap(fields);
        this.versionstamp = versionstamp;
        this.snapshotStartedAt = null;
    }

    private SurrealChange(String table, Instant snapshotStartedAt, long versionstamp) {
        this.id = null;
        this.table = Objects.requireNonNull(table, "table");
        this.op = Op.SNAPSHOT_DONE;
        this.fields = null;
        this.versionstamp = versionstamp;
        this.snapshotStartedAt = Objects.requireNonNull(snapshotStartedAt, "snapshotStartedAt");
    }

    /** A record as read by a snapshot that knows no versionstamp (versionstamp 0). */
    public static SurrealChange read(SurrealRecordId id, Map<String, Object> fields) {
        return read(id, fields, 0L);
    }

    /**
     * A record as read by the snapshot, current at {@code versionstamp}: the high watermark of its
     * chunk when the source follows the change feed, else 0.
     */
    public static SurrealChange read(SurrealRecordId id, Map<String, Object> fields, long versionstamp) {
        return new SurrealChange(id, Op.READ, copy(fields), versionstamp);
    }

    /**
     * As {@link #read(SurrealRecordId, Map, long)}, keeping {@code fields} itself instead of a copy:
     * for a map made for this record alone that nothing changes afterwards, as the client decodes
     * each row of a reply. A snapshot reads every record of a table through here.
     */
    @Internal
    public static SurrealChange readDecoded(SurrealRecordId id, Map<String, Object> fields, long versionstamp) {
        return new SurrealChange(id, Op.READ, Objects.requireNonNull(fields, "fields"), versionstamp);
    }

    /** A create or update from the change feed. */
    public static SurrealChange upsert(SurrealRecordId id, Map<String, Object> fields, long versionstamp) {
        return new SurrealChange(id, Op.UPSERT, copy(fields), versionstamp);
    }

    /** A delete from the change feed. */
    public static SurrealChange delete(SurrealRecordId id, long versionstamp) {
        return new SurrealChange(id, Op.DELETE, null, versionstamp);
    }

    /**
     * The marker that the snapshot of {@code table} which started at {@code startedAt} is complete;
     * {@code versionstamp} is where the change stream that follows it starts.
     */
    public static SurrealChange snapshotDone(String table, Instant startedAt, long versionstamp) {
        return new SurrealChange(table, startedAt, versionstamp);
    }

    /** A change whose {@code fields} (a map of its own, as the serializer reads it) it keeps as they are. */
    static SurrealChange of(SurrealRecordId id, Op op, Map<String, Object> fields, long versionstamp) {
        return new SurrealChange(id, op, fields, versionstamp);
    }

    private static Map<String, Object> copy(Map<String, Object> fields) {
        return new LinkedHashMap<>(Objects.requireNonNull(fields, "fields"));
    }

    /**
     * The record.
     *
     * @throws IllegalStateException for a {@link Op#SNAPSHOT_DONE} marker, which names a table only
     */
    public SurrealRecordId id() {
        if (id == null) {
            throw new IllegalStateException("a SNAPSHOT_DONE marker of table '" + table + "' has no record id");
        }
        return id;
    }

    /** The record id as canonical text (e.g. {@code docs:⟨a b⟩}), the form the schema's RecordId uses. */
    public String canonicalId() {
        return id().toString();
    }

    public String table() {
        return table;
    }

    /** Whether this is a {@link Op#SNAPSHOT_DONE} marker rather than a record's change. */
    public boolean isSnapshotDone() {
        return op == Op.SNAPSHOT_DONE;
    }

    /**
     * For a {@link Op#SNAPSHOT_DONE} marker, when the snapshot started (the source's clock as it
     * began to cut the tables into chunks).
     *
     * @throws IllegalStateException for any other change
     */
    public Instant snapshotStartedAt() {
        if (snapshotStartedAt == null) {
            throw new IllegalStateException("only a SNAPSHOT_DONE marker has a snapshot start; this is a " + op);
        }
        return snapshotStartedAt;
    }

    public Op op() {
        return op;
    }

    public boolean isDelete() {
        return op == Op.DELETE;
    }

    /** The record's fields, {@code id} included; {@code null} for a DELETE and a marker. */
    public Map<String, Object> fields() {
        return fields;
    }

    /**
     * The change feed versionstamp: the entry's for an upsert or delete; the chunk's high watermark
     * for a snapshot read when the source follows the change feed (0 when it does not); where the
     * stream starts for a marker.
     */
    public long versionstamp() {
        return versionstamp;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof SurrealChange)) {
            return false;
        }
        SurrealChange that = (SurrealChange) o;
        return versionstamp == that.versionstamp
                && op == that.op
                && table.equals(that.table)
                && Objects.equals(id, that.id)
                && Objects.equals(snapshotStartedAt, that.snapshotStartedAt)
                && deepEquals(fields, that.fields);
    }

    @Override
    public int hashCode() {
        return Objects.hash(table, id, op, versionstamp);
    }

    @Override
    public String toString() {
        if (op == Op.SNAPSHOT_DONE) {
            return "SurrealChange{SNAPSHOT_DONE " + table + " started " + snapshotStartedAt + " @" + versionstamp + '}';
        }
        return "SurrealChange{" + op + " " + id + (versionstamp == 0 ? "" : " @" + versionstamp)
                + (fields == null ? "" : ", fields=" + fields.keySet()) + '}';
    }

    /** Equality that compares float arrays by content, as vectors are float[]. */
    private static boolean deepEquals(Object a, Object b) {
        if (a instanceof float[] && b instanceof float[]) {
            return Arrays.equals((float[]) a, (float[]) b);
        }
        if (a instanceof Map && b instanceof Map) {
            Map<?, ?> ma = (Map<?, ?>) a;
            Map<?, ?> mb = (Map<?, ?>) b;
            if (ma.size() != mb.size()) {
                return false;
            }
            for (Map.Entry<?, ?> e : ma.entrySet()) {
                if (!mb.containsKey(e.getKey()) || !deepEquals(e.getValue(), mb.get(e.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof List && b instanceof List) {
            List<?> la = (List<?>) a;
            List<?> lb = (List<?>) b;
            if (la.size() != lb.size()) {
                return false;
            }
            for (int i = 0; i < la.size(); i++) {
                if (!deepEquals(la.get(i), lb.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return Objects.equals(a, b);
    }
}
