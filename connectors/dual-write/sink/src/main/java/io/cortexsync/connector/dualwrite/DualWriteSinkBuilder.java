package io.cortexsync.connector.dualwrite;

import io.cortexsync.connector.common.builder.BuilderChecks;
import io.cortexsync.connector.qdrant.QdrantOptions;
import io.cortexsync.connector.qdrant.client.QdrantConnectionConfig;
import io.cortexsync.connector.surrealdb.SurrealOptions;
import io.cortexsync.connector.surrealdb.client.SurrealConnectionConfig;
import io.cortexsync.schema.model.SyncEvent;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.configuration.ReadableConfig;

import java.time.Duration;
import java.util.regex.Pattern;

/**
 * Builds a {@link DualWriteSink}. Both connections and the collection are required; the rest
 * has the defaults of {@link DualWriteOptions}. {@link #build()} names the setter to fix.
 */
@PublicEvolving
public final class DualWriteSinkBuilder {

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private SurrealConnectionConfig surreal;
    private QdrantConnectionConfig qdrant;
    private String collection;
    private DualWriteEventTopology events;
    private ConflictPolicy conflict = DualWriteOptions.CONFLICT.defaultValue();
    private String sinkId = DualWriteOptions.SINK_ID.defaultValue();
    private String commitTable = DualWriteOptions.COMMIT_TABLE.defaultValue();
    private String tombstoneTable = DualWriteOptions.TOMBSTONE_TABLE.defaultValue();
    private Duration markerRetention = DualWriteOptions.MARKER_RETENTION.defaultValue();
    private int maxChangesPerCommit = DualWriteOptions.MAX_CHANGES_PER_COMMIT.defaultValue();
    private Duration commitTimeout = DualWriteOptions.COMMIT_TIMEOUT.defaultValue();
    private Duration qdrantRetryInPlace = DualWriteOptions.QDRANT_RETRY_IN_PLACE.defaultValue();
    private Duration qdrantMaxBackoff = DualWriteOptions.QDRANT_MAX_BACKOFF.defaultValue();
    private String vectorField = DualWriteOptions.VECTOR_FIELD.defaultValue();
    private String versionField = DualWriteOptions.VERSION_FIELD.defaultValue();
    private String timestampField = DualWriteOptions.TIMESTAMP_FIELD.defaultValue();

    DualWriteSinkBuilder() {}

    /**
     * Takes both connections (when {@code surrealdb.url} and {@code qdrant.host} are set), the
     * collection ({@code qdrant.collection}) and the dual-write options; options not set keep
     * their defaults.
     */
    public DualWriteSinkBuilder setOptions(ReadableConfig options) {
        if (options.getOptional(SurrealOptions.URL).isPresent()) {
            surreal = SurrealOptions.connectionConfig(options);
        }
        if (options.getOptional(QdrantOptions.HOST).isPresent()) {
            qdrant = QdrantOptions.connectionConfig(options);
        }
        options.getOptional(QdrantOptions.COLLECTION).ifPresent(name -> collection = name);
        conflict = options.get(DualWriteOptions.CONFLICT);
        sinkId = options.get(DualWriteOptions.SINK_ID);
        commitTable = options.get(DualWriteOptions.COMMIT_TABLE);
        tombstoneTable = options.get(DualWriteOptions.TOMBSTONE_TABLE);
        markerRetention = options.get(DualWriteOptions.MARKER_RETENTION);
        maxChangesPerCommit = options.get(DualWriteOptions.MAX_CHANGES_PER_COMMIT);
        commitTimeout = options.get(DualWriteOptions.COMMIT_TIMEOUT);
        qdrantRetryInPlace = options.get(DualWriteOptions.QDRANT_RETRY_IN_PLACE);
        qdrantMaxBackoff = options.get(DualWriteOptions.QDRANT_MAX_BACKOFF);
        vectorField = options.get(DualWriteOptions.VECTOR_FIELD);
        versionField = options.get(DualWriteOptions.VERSION_FIELD);
        timestampField = options.get(DualWriteOptions.TIMESTAMP_FIELD);
        return this;
    }

    public DualWriteSinkBuilder setSurrealConnection(SurrealConnectionConfig surreal) {
        this.surreal = surreal;
        return this;
    }

    public DualWriteSinkBuilder setQdrantConnection(QdrantConnectionConfig qdrant) {
        this.qdrant = qdrant;
        return this;
    }

    public DualWriteSinkBuilder setCollection(String collection) {
        this.collection = collection;
        return this;
    }

    /** Where each change's final event (and the RETRYING ones) go; without one they are dropped. */
    public DualWriteSinkBuilder setEventSink(Sink<SyncEvent> eventSink) {
        return setEventTopology((stream, uidPrefix) -> stream.sinkTo(eventSink).setParallelism(stream.getParallelism())
                .name("dual-write: events").uid(uidPrefix + "events"));
    }

    /** What follows the final events: counting, a sink, anything (replaces {@link #setEventSink}). */
    public DualWriteSinkBuilder setEventTopology(DualWriteEventTopology events) {
        this.events = events;
        return this;
    }

    public DualWriteSinkBuilder setConflictPolicy(ConflictPolicy conflict) {
        this.conflict = conflict;
        return this;
    }

    /** Names the commit markers and the stage's operator uids; two sinks on one database need different ids. */
    public DualWriteSinkBuilder setSinkId(String sinkId) {
        this.sinkId = sinkId;
        return this;
    }

    public DualWriteSinkBuilder setCommitTable(String commitTable) {
        this.commitTable = commitTable;
        return this;
    }

    public DualWriteSinkBuilder setTombstoneTable(String tombstoneTable) {
        this.tombstoneTable = tombstoneTable;
        return this;
    }

    public DualWriteSinkBuilder setMarkerRetention(Duration markerRetention) {
        this.markerRetention = markerRetention;
        return this;
    }

    public DualWriteSinkBuilder setMaxChangesPerCommit(int maxChangesPerCommit) {
        this.maxChangesPerCommit = maxChangesPerCommit;
        return this;
    }

    public DualWriteSinkBuilder setCommitTimeout(Duration commitTimeout) {
        this.commitTimeout = commitTimeout;
        return this;
    }

    public DualWriteSinkBuilder setQdrantRetryInPlace(Duration qdrantRetryInPlace) {
        this.qdrantRetryInPlace = qdrantRetryInPlace;
        return this;
    }

    public DualWriteSinkBuilder setQdrantMaxBackoff(Duration qdrantMaxBackoff) {
        this.qdrantMaxBackoff = qdrantMaxBackoff;
        return this;
    }

    public DualWriteSinkBuilder setVectorField(String vectorField) {
        this.vectorField = vectorField;
        return this;
    }

    public DualWriteSinkBuilder setVersionField(String versionField) {
        this.versionField = versionField;
        return this;
    }

    public DualWriteSinkBuilder setTimestampField(String timestampField) {
        this.timestampField = timestampField;
        return this;
    }

    public DualWriteSink build() {
        BuilderChecks.of("DualWriteSink")
                .notNull(surreal, "setSurrealConnection")
                .notNull(qdrant, "setQdrantConnection")
                .notBlank(collection, "setCollection")
                .notNull(conflict, "setConflictPolicy")
                .notBlank(sinkId, "setSinkId")
                .check(sinkId.matches("[A-Za-z0-9_.-]{1,100}"), "setSinkId(" + sinkId + "): 1 to 100 of A-Z a-z 0-9 _ . -")
                .check(IDENTIFIER.matcher(commitTable).matches(), "setCommitTable(" + commitTable + "): must be an identifier")
                .check(IDENTIFIER.matcher(tombstoneTable).matches(), "setTombstoneTable(" + tombstoneTable + "): must be an identifier")
                .positive(markerRetention, "setMarkerRetention")
                .inRange(maxChangesPerCommit, 1, 100_000, "setMaxChangesPerCommit")
                .positive(commitTimeout, "setCommitTimeout")
                .notNegative(qdrantRetryInPlace, "setQdrantRetryInPlace")
                .check(qdrantMaxBackoff.compareTo(Duration.ofMillis(200)) >= 0, "setQdrantMaxBackoff(" + qdrantMaxBackoff + "): at least 200ms")
                .notBlank(vectorField, "setVectorField")
                .check(IDENTIFIER.matcher(versionField).matches(), "setVersionField(" + versionField + "): must be an identifier")
                .check(IDENTIFIER.matcher(timestampField).matches(), "setTimestampField(" + timestampField + "): must be an identifier");
        return new DualWriteSink(new DualWriteSettings(surreal, qdrant, collection, conflict, sinkId, commitTable,
                tombstoneTable, markerRetention, maxChangesPerCommit, commitTimeout, qdrantRetryInPlace, qdrantMaxBackoff,
                vectorField, versionField, timestampField), events);
    }
}
