package io.cortexsync.connector.surrealdb.source.convert;

import io.cortexsync.connector.surrealdb.client.SurrealNone;
import io.cortexsync.connector.surrealdb.client.SurrealRecordId;
import io.cortexsync.connector.surrealdb.client.SurrealTable;
import io.cortexsync.connector.surrealdb.source.changes.Versionstamps;
import io.cortexsync.connector.surrealdb.source.record.SurrealChange;
import io.cortexsync.schema.ids.RecordId;
import io.cortexsync.schema.model.SyncEntity;
import io.cortexsync.schema.model.VectorChecks;

import org.apache.flink.annotation.PublicEvolving;

import java.io.Serializable;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How a record read from SurrealDB becomes a {@link SyncEntity}: the id as the schema's canonical
 * record id, the vector from a named field, the workspace fixed or from a field, the version from
 * an optional field, and every other field as metadata. A record that cannot be converted gets a
 * reason instead.
 */
@PublicEvolving
public final class SyncEntityMapping implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The outcome: an entity, or why there is none. */
    public static final class Result {
        private final SyncEntity entity;
        private final String problem;

        private Result(SyncEntity entity, String problem) {
            this.entity = entity;
            this.problem = problem;
        }

        public SyncEntity entity() {
            return entity;
        }

        /** Why the record cannot be converted; null when it was. */
        public String problem() {
            return problem;
        }

        public boolean ok() {
            return entity != null;
        }
    }

    private final String vectorField;
    private final String workspaceId;
    private final String workspaceField;
    private final String versionField;
    private final int dimension;

    private SyncEntityMapping(String vectorField, String workspaceId, String workspaceField, String versionField, int dimension) {
        this.vectorField = Objects.requireNonNull(vectorField, "vectorField");
        if ((workspaceId == null) == (workspaceField == null)) {
            throw new IllegalArgumentException("set exactly one of workspaceId(...) and workspaceField(...)");
        }
        this.workspaceId = workspaceId;
        this.workspaceField = workspaceField;
        this.versionField = versionField;
        this.dimension = dimension;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The entity for a READ or UPSERT, stamped with the commit time its versionstamp holds, or with
     * {@code now} when it holds none (a snapshot without the change feed; SurrealDB 2.x).
     */
    public Result convert(SurrealChange change, Instant now) {
        if (change.isDelete() || change.isSnapshotDone()) {
            return new Result(null, "a " + change.op() + " has no entity");
        }
        Map<String, Object> fields = change.fields();
        RecordId id;
        try {
            id = change.id().toRecordId();
        } catch (IllegalArgumentException e) {
            return new Result(null, "record id: " + e.getMessage());
        }
        Object rawVector = fields.get(vectorField);
        if (rawVector == null || rawVector == SurrealNone.NONE) {
            return new Result(null, "vector field '" + vectorField + "' is missing");
        }
        if (!(rawVector instanceof float[])) {
            return new Result(null, "vector field '" + vectorField + "' is " + describe(rawVector) + ", not an array of numbers");
        }
        float[] vector = (float[]) rawVector;
        if (vector.length == 0) {
            return new Result(null, "vector field '" + vectorField + "' is empty");
        }
        String vectorProblem = VectorChecks.problem(vector, dimension > 0 ? dimension : vector.length);
        if (vectorProblem != null) {
            return new Result(null, vectorProblem);
        }
        String workspace = workspaceId;
        if (workspaceField != null) {
            Object value = fields.get(workspaceField);
            if (!(value instanceof String) || ((String) value).isBlank()) {
                return new Result(null, "workspace field '" + workspaceField + "' is " + describe(value) + ", not a non-blank string");
            }
            workspace = (String) value;
        }
        Long version = null;
        if (versionField != null && fields.get(versionField) != null && fields.get(versionField) != SurrealNone.NONE) {
            Object value = fields.get(versionField);
            if (!(value instanceof Long)) {
                return new Result(null, "version field '" + versionField + "' is " + describe(value) + ", not an integer");
            }
            version = (Long) value;
        }
        Map<String, Object> metadata = new LinkedHashMap<>();
        for (Map.Entry<String, Object> field : fields.entrySet()) {
            String name = field.getKey();
            if (!name.equals("id") && !name.equals(vectorField)) {
                metadata.put(name, jsonLike(field.getValue()));
            }
        }
        Instant timestamp = Versionstamps.timeOf(change.versionstamp()).orElse(now);
        try {
            return new Result(SyncEntity.builder()
                    .id(id)
                    .wrapVector(vector)
                    .metadata(metadata)
                    .timestamp(timestamp)
                    .workspaceId(workspace)
                    .version(version)
                    .build(), null);
        } catch (IllegalArgumentException e) {
            return new Result(null, "metadata: " + e.getMessage());
        }
    }

    /** SurrealDB values JSON has no type for become text; numbers, strings, lists and maps stay. */
    private static Object jsonLike(Object value) {
        if (value == null || value == SurrealNone.NONE) {
            return null;
        }
        if (value instanceof String || value instanceof Boolean || value instanceof Long || value instanceof Double
                || value instanceof BigDecimal || value instanceof BigInteger) {
            return value;
        }
        if (value instanceof float[]) {
            List<Object> list = new ArrayList<>();
            for (float f : (float[]) value) {
                list.add((double) f);
            }
            return list;
        }
        if (value instanceof byte[]) {
            return Base64.getEncoder().encodeToString((byte[]) value);
        }
        if (value instanceof SurrealTable) {
            return ((SurrealTable) value).name();
        }
        if (value instanceof Map) {
            Map<String, Object> map = new LinkedHashMap<>();
            ((Map<?, ?>) value).forEach((k, v) -> map.put(String.valueOf(k), jsonLike(v)));
            return map;
        }
        if (value instanceof Collection) {
            List<Object> list = new ArrayList<>();
            ((Collection<?>) value).forEach(item -> list.add(jsonLike(item)));
            return list;
        }
        // record ids, datetimes, durations, UUIDs, ranges: their text
        return value instanceof SurrealRecordId || value instanceof Instant ? value.toString() : String.valueOf(value);
    }

    private static String describe(Object value) {
        if (value == null || value == SurrealNone.NONE) {
            return "missing";
        }
        if (value instanceof List) {
            return "a list holding non-numbers";
        }
        return "a " + value.getClass().getSimpleName();
    }

    /** Builds a {@link SyncEntityMapping}. */
    public static final class Builder {
        private String vectorField = "embedding";
        private String workspaceId;
        private String workspaceField;
        private String versionField;
        private int dimension;

        /** The field holding the vector (default {@code embedding}); read it as a vector field of the source. */
        public Builder vectorField(String vectorField) {
            this.vectorField = vectorField;
            return this;
        }

        /** Every entity belongs to this workspace. */
        public Builder workspaceId(String workspaceId) {
            this.workspaceId = workspaceId;
            return this;
        }

        /** Each record names its workspace in this field. */
        public Builder workspaceField(String workspaceField) {
            this.workspaceField = workspaceField;
            return this;
        }

        /** The integer field holding the record's version, if any. */
        public Builder versionField(String versionField) {
            this.versionField = versionField;
            return this;
        }

        /** The dimension every vector must have; 0 (default) accepts any. */
        public Builder dimension(int dimension) {
            this.dimension = dimension;
            return this;
        }

        public SyncEntityMapping build() {
            return new SyncEntityMapping(vectorField, workspaceId, workspaceField, versionField, dimension);
        }
    }
}
