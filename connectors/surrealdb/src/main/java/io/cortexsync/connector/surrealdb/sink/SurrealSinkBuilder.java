package io.cortexsync.connector.surrealdb.sink;

import io.cortexsync.connector.common.builder.BuilderChecks;
import io.cortexsync.connector.surrealdb.SurrealOptions;
import io.cortexsync.connector.surrealdb.client.SurrealConnectionConfig;
import io.cortexsync.connector.surrealdb.sink.internal.WriteSettings;
import io.cortexsync.connector.surrealdb.sink.internal.WriteStatements;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.ReadableConfig;

import java.time.Duration;

/**
 * Builds a {@link SurrealSink}. Connection and record serializer are required; everything else
 * has the defaults of {@link SurrealOptions}' sink options. {@link #build()} names the setter to
 * fix when a setting is missing or out of range.
 */
@PublicEvolving
public final class SurrealSinkBuilder<T> {

    private static final Duration CONFLICT_INITIAL_BACKOFF = Duration.ofMillis(20);
    private static final Duration CONFLICT_MAX_BACKOFF = Duration.ofSeconds(2);

    private SurrealConnectionConfig connection;
    private SurrealRecordSerializer<T> serializer;
    private int batchSize = SurrealOptions.SINK_BATCH_SIZE.defaultValue();
    private Long maxBatchBytes;
    private Duration maxBufferedTime = SurrealOptions.SINK_MAX_BUFFERED_TIME.defaultValue();
    private boolean versionGuard = SurrealOptions.SINK_VERSION_GUARD_ENABLED.defaultValue();
    private String versionField = SurrealOptions.SINK_VERSION_GUARD_FIELD.defaultValue();
    private int conflictMaxRetries = SurrealOptions.SINK_CONFLICT_MAX_RETRIES.defaultValue();
    private SurrealSinkOutcomeListener listener = SurrealSinkOutcomeListener.logging();

    SurrealSinkBuilder() {}

    /** Where and how to connect. */
    public SurrealSinkBuilder<T> setConnectionConfig(SurrealConnectionConfig connection) {
        this.connection = connection;
        return this;
    }

    /**
     * Takes the connection (when {@code surrealdb.url} is set) and the sink's settings from Flink
     * options ({@code surrealdb.*}, {@code surrealdb.sink.*}); options not set keep their defaults.
     */
    public SurrealSinkBuilder<T> setOptions(ReadableConfig options) {
        if (options.getOptional(SurrealOptions.URL).isPresent()) {
            this.connection = SurrealOptions.connectionConfig(options);
        }
        this.batchSize = options.get(SurrealOptions.SINK_BATCH_SIZE);
        options.getOptional(SurrealOptions.SINK_MAX_BATCH_BYTES).ifPresent(bytes -> maxBatchBytes = bytes.getBytes());
        this.maxBufferedTime = options.get(SurrealOptions.SINK_MAX_BUFFERED_TIME);
        this.versionGuard = options.get(SurrealOptions.SINK_VERSION_GUARD_ENABLED);
        this.versionField = options.get(SurrealOptions.SINK_VERSION_GUARD_FIELD);
        this.conflictMaxRetries = options.get(SurrealOptions.SINK_CONFLICT_MAX_RETRIES);
        return this;
    }

    /** Turns each element into the write to apply, e.g. {@link SyncEntityRecordSerializer}. */
    public SurrealSinkBuilder<T> setRecordSerializer(SurrealRecordSerializer<T> serializer) {
        this.serializer = serializer;
        return this;
    }

    /** Records per batch (one transaction) at most. */
    public SurrealSinkBuilder<T> setBatchSize(int batchSize) {
        this.batchSize = batchSize;
        return this;
    }

    /**
     * Encoded bytes per batch at most; at most the connection's request limit, by default three
     * quarters of it (3 MiB of SurrealDB's 4 MiB).
     */
    public SurrealSinkBuilder<T> setMaxBatchBytes(long maxBatchBytes) {
        this.maxBatchBytes = maxBatchBytes;
        return this;
    }

    /** Longest wait of a buffered record before its batch is written; zero for no timer. */
    public SurrealSinkBuilder<T> setMaxBufferedTime(Duration maxBufferedTime) {
        this.maxBufferedTime = maxBufferedTime;
        return this;
    }

    /** Apply versioned writes only over an older stored version; others become CONFLICT outcomes. */
    public SurrealSinkBuilder<T> setVersionGuard(boolean enabled) {
        this.versionGuard = enabled;
        return this;
    }

    /** The record field the version guard compares, {@code version} by default. */
    public SurrealSinkBuilder<T> setVersionField(String versionField) {
        this.versionField = versionField;
        return this;
    }

    /** Retries of a transaction that met a conflict with a concurrent one. */
    public SurrealSinkBuilder<T> setConflictMaxRetries(int conflictMaxRetries) {
        this.conflictMaxRetries = conflictMaxRetries;
        return this;
    }

    /** Hears every element's outcome; by default conflicts and dead letters are logged at debug. */
    public SurrealSinkBuilder<T> setOutcomeListener(SurrealSinkOutcomeListener listener) {
        this.listener = listener;
        return this;
    }

    public SurrealSink<T> build() {
        BuilderChecks checks = BuilderChecks.of("SurrealSink")
                .check(connection != null, "setConnectionConfig(...) (or setOptions(...) with "
                        + SurrealOptions.URL.key() + ") is required")
                .check(serializer != null, "setRecordSerializer(...) is required, e.g. new SyncEntityRecordSerializer()")
                .notNull(listener, "setOutcomeListener")
                .positive(batchSize, "setBatchSize");
        int requestLimit = connection.maxRequestBytes();
        long maxBytes = maxBatchBytes == null ? requestLimit / 4L * 3 : maxBatchBytes;
        checks.inRange(maxBytes, 1, requestLimit, "setMaxBatchBytes")
                .notNegative(maxBufferedTime, "setMaxBufferedTime")
                .notNegative(conflictMaxRetries, "setConflictMaxRetries");
        if (versionGuard) {
            try {
                WriteStatements.checkVersionField(versionField);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("setVersionField(...): " + e.getMessage(), e);
            }
        }
        WriteSettings settings = new WriteSettings(
                batchSize, maxBytes, maxBufferedTime, versionGuard ? versionField : null,
                conflictMaxRetries, CONFLICT_INITIAL_BACKOFF, CONFLICT_MAX_BACKOFF);
        return new SurrealSink<>(connection, serializer, settings, listener);
    }
}
