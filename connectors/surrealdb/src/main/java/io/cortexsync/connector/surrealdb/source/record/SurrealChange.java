package io.cortexsync.connector.surrealdb.source.record;

import io.cortexsync.connector.surrealdb.client.SurrealRecordId;

import org.apache.flink.annotation.PublicEvolving;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One record read by the SurrealSource: a snapshot read, an upsert or a delete (a tombstone whose
 * fields are {@code null}), with the versionstamp of the change feed entry it came from.
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
        DELETE
    }

    private final SurrealRecordId id;
    private final Op op;
    private final Map<String, Object> fields;
    private final long versionstamp;

    private SurrealChange(SurrealRecordId id, Op op, Map<String, Object> fields, long versionstamp) {
        this.id = Objects.requireNonNull(id, "id");
        this.op = Objects.requireNonNull(op, "op");
        if ((op == Op.DELETE) != (fields == null)) {
            throw new IllegalArgumentException("a DELETE has no fields; READ and UPSERT have fields");
        }
        this.fields = fields == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        this.versionstamp = versionstamp;
    }

    /** A record as read by the snapshot (versionstamp 0). */
    public static SurrealChange read(SurrealRecordId id, Map<String, Object> fields) {
        return new SurrealChange(id, Op.READ, Objects.requireNonNull(fields, "fields"), 0L);
    }

    /** A create or update from the change feed. */
    public static SurrealChange upsert(SurrealRecordId id, Map<String, Object> fields, long versionstamp) {
        return new SurrealChange(id, Op.UPSERT, Objects.requireNonNull(fields, "fields"), versionstamp);
    }

    /** A delete from the change feed. */
    public static SurrealChange delete(SurrealRecordId id, long versionstamp) {
        return new SurrealChange(id, Op.DELETE, null, versionstamp);
    }

    static SurrealChange of(SurrealRecordId id, Op op, Map<String, Object> fields, long versionstamp) {
        return new SurrealChange(id, op, fields, versionstamp);
    }

    public SurrealRecordId id() {
        return id;
    }

    /** The record id as canonical text (e.g. {@code docs:⟨a b⟩}), the form the schema's RecordId uses. */
    public String canonicalId() {
        return id.toString();
    }

    public String table() {
        return id.table();
    }

    public Op op() {
        return op;
    }

    public boolean isDelete() {
        return op == Op.DELETE;
    }

    /** The record's fields, {@code id} included; {@code null} for a DELETE. */
    public Map<String, Object> fields() {
        return fields;
    }

    /** The change feed versionstamp; 0 for a snapshot read. */
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
                && id.equals(that.id)
                && deepEquals(fields, that.fields);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, op, versionstamp);
    }

    @Override
    public String toString() {
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
