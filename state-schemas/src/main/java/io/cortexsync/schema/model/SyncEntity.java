package io.cortexsync.schema.model;

import io.cortexsync.schema.ids.RecordId;

import java.nio.FloatBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/**
 * One record to keep in sync: its id, its vector and its metadata (every other field), as read from
 * SurrealDB or received at the dual-write front door.
 *
 * <p>Immutable. The vector is copied in and out, except through {@link #vectorView()} and
 * {@link Builder#wrapVector(float[])}, which the per-record paths use: copying a 768-dimension
 * vector three times per record was a tenth of the path's CPU and its largest allocation. The
 * metadata is normalized by {@link JsonValues} (so equal values compare equal whatever decoded
 * them) and excludes the vector field. Vectors with NaN or infinite elements are accepted here;
 * {@link VectorChecks} lets the job route them to the dead-letter output.
 */
public final class SyncEntity {

    private final RecordId id;
    private final float[] vector;
    private final Map<String, Object> metadata;
    private final Instant timestamp;
    private final String workspaceId;
    private final Long version;

    private SyncEntity(Builder b) {
        this.id = Checks.required(b.id, "id");
        float[] given = Checks.required(b.vector, "vector");
        this.vector = b.vectorWrapped ? given : given.clone();
        this.metadata = JsonValues.normalizeObject(Checks.required(b.metadata, "metadata"));
        this.timestamp = Checks.required(b.timestamp, "timestamp");
        this.workspaceId = Checks.nonBlank(b.workspaceId, "workspaceId");
        this.version = b.version;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this entity's values, to derive a changed copy. */
    public Builder toBuilder() {
        return new Builder()
                .id(id)
                .wrapVector(vector)
                .metadata(metadata)
                .timestamp(timestamp)
                .workspaceId(workspaceId)
                .version(version);
    }

    public RecordId id() {
        return id;
    }

    public String table() {
        return id.table();
    }

    /** A copy of the vector. */
    public float[] vector() {
        return vector.clone();
    }

    /** The vector without a copy, read-only: its position 0, its limit the dimension. */
    public FloatBuffer vectorView() {
        return FloatBuffer.wrap(vector).asReadOnlyBuffer();
    }

    public int dimension() {
        return vector.length;
    }

    /** The metadata: an unmodifiable map of normalized JSON-like values. */
    public Map<String, Object> metadata() {
        return metadata;
    }

    /** When the record was last changed at its source (or received, if the source has no time). */
    public Instant timestamp() {
        return timestamp;
    }

    public String workspaceId() {
        return workspaceId;
    }

    /** The record's version at its source, or {@code null} when it has none. */
    public Long version() {
        return version;
    }

    @Override
    public boolean equals(Object o) {
        return this == o
                || o instanceof SyncEntity that
                        && id.equals(that.id)
                        && Arrays.equals(vector, that.vector)
                        && metadata.equals(that.metadata)
                        && timestamp.equals(that.timestamp)
                        && workspaceId.equals(that.workspaceId)
                        && Objects.equals(version, that.version);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, Arrays.hashCode(vector), metadata, timestamp, workspaceId, version);
    }

    /** Names the metadata keys and the vector's dimension, never their contents. */
    @Override
    public String toString() {
        return "SyncEntity{id="
                + id
                + ", vector["
                + vector.length
                + "], metadataKeys="
                + metadata.keySet()
                + ", timestamp="
                + timestamp
                + ", workspaceId="
                + workspaceId
                + (version == null ? "" : ", version=" + version)
                + '}';
    }

    /** Builds a {@link SyncEntity}; every field but {@code version} is required. */
    public static final class Builder {
        private RecordId id;
        private float[] vector;
        private boolean vectorWrapped;
        private Map<String, ?> metadata = Map.of();
        private Instant timestamp;
        private String workspaceId;
        private Long version;

        private Builder() {}

        public Builder id(RecordId id) {
            this.id = id;
            return this;
        }

        /** Parses a canonical record id ({@link RecordId#parse}). */
        public Builder id(String canonicalId) {
            this.id = RecordId.parse(canonicalId);
            return this;
        }

        /** The vector; the entity keeps a copy. */
        public Builder vector(float[] vector) {
            this.vector = vector;
            this.vectorWrapped = false;
            return this;
        }

        /**
         * The vector, kept as it is, without the copy: for code that made the array for this entity
         * (a decoder, a deserializer) and neither changes nor hands it on afterwards.
         */
        public Builder wrapVector(float[] vector) {
            this.vector = vector;
            this.vectorWrapped = true;
            return this;
        }

        /** Metadata; empty when not set. */
        public Builder metadata(Map<String, ?> metadata) {
            this.metadata = metadata;
            return this;
        }

        public Builder timestamp(Instant timestamp) {
            this.timestamp = timestamp;
            return this;
        }

        public Builder workspaceId(String workspaceId) {
            this.workspaceId = workspaceId;
            return this;
        }

        public Builder version(Long version) {
            this.version = version;
            return this;
        }

        public SyncEntity build() {
            return new SyncEntity(this);
        }
    }
}
