package io.cortexsync.connector.qdrant.sink;

import io.cortexsync.connector.common.builder.BuilderChecks;
import io.cortexsync.connector.qdrant.QdrantOptions;
import io.cortexsync.connector.qdrant.client.QdrantConnectionConfig;
import io.cortexsync.connector.qdrant.convert.QdrantPointConverter;
import io.cortexsync.connector.qdrant.sink.internal.WriteSettings;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.ReadableConfig;

import java.time.Duration;

/**
 * Builds a {@link QdrantSink}. Connection, collection and point converter are required; everything
 * else has the defaults of {@link QdrantOptions}' sink options. {@link #build()} names the setter
 * to fix when a setting is missing or out of range.
 */
@PublicEvolving
public final class QdrantSinkBuilder<T> {

    private QdrantConnectionConfig connection;
    private String collection;
    private QdrantPointConverter<T> converter;
    private int batchSize = QdrantOptions.SINK_BATCH_SIZE.defaultValue();
    private int minBatchSize = QdrantOptions.SINK_MIN_BATCH_SIZE.defaultValue();
    private int maxBatchSize = QdrantOptions.SINK_MAX_BATCH_SIZE.defaultValue();
    private long maxBatchBytes = QdrantOptions.SINK_MAX_BATCH_BYTES.defaultValue().getBytes();
    private Duration maxBufferedTime = QdrantOptions.SINK_MAX_BUFFERED_TIME.defaultValue();
    private int maxInFlightBatches = QdrantOptions.SINK_MAX_IN_FLIGHT_BATCHES.defaultValue();
    private Duration targetLatency = QdrantOptions.SINK_TARGET_LATENCY.defaultValue();
    private int maxRetries = QdrantOptions.SINK_MAX_RETRIES.defaultValue();
    private Duration initialBackoff = QdrantOptions.SINK_INITIAL_BACKOFF.defaultValue();
    private Duration maxBackoff = QdrantOptions.SINK_MAX_BACKOFF.defaultValue();
    private QdrantSinkOutcomeListener deadLetters = QdrantSinkOutcomeListener.logging();

    QdrantSinkBuilder() {}

    /** Where and how to connect: host, port, API key, TLS, timeouts. */
    public QdrantSinkBuilder<T> setConnectionConfig(QdrantConnectionConfig connection) {
        this.connection = connection;
        return this;
    }

    /**
     * Takes the connection (when {@code qdrant.host} is set), the collection (when {@code
     * qdrant.collection} is set) and the sink's settings from Flink options; options not set
     * keep their defaults.
     */
    public QdrantSinkBuilder<T> setOptions(ReadableConfig options) {
        if (options.getOptional(QdrantOptions.HOST).isPresent()) {
            this.connection = QdrantOptions.connectionConfig(options);
        }
        options.getOptional(QdrantOptions.COLLECTION).ifPresent(name -> this.collection = name);
        this.batchSize = options.get(QdrantOptions.SINK_BATCH_SIZE);
        this.minBatchSize = options.get(QdrantOptions.SINK_MIN_BATCH_SIZE);
        this.maxBatchSize = options.get(QdrantOptions.SINK_MAX_BATCH_SIZE);
        this.maxBatchBytes = options.get(QdrantOptions.SINK_MAX_BATCH_BYTES).getBytes();
        this.maxBufferedTime = options.get(QdrantOptions.SINK_MAX_BUFFERED_TIME);
        this.maxInFlightBatches = options.get(QdrantOptions.SINK_MAX_IN_FLIGHT_BATCHES);
        this.targetLatency = options.get(QdrantOptions.SINK_TARGET_LATENCY);
        this.maxRetries = options.get(QdrantOptions.SINK_MAX_RETRIES);
        this.initialBackoff = options.get(QdrantOptions.SINK_INITIAL_BACKOFF);
        this.maxBackoff = options.get(QdrantOptions.SINK_MAX_BACKOFF);
        return this;
    }

    public QdrantSinkBuilder<T> setCollectionName(String collection) {
        this.collection = collection;
        return this;
    }

    /** Turns elements into writes, e.g. {@code new SyncEntityPointConverter()}. */
    public QdrantSinkBuilder<T> setPointConverter(QdrantPointConverter<T> converter) {
        this.converter = converter;
        return this;
    }

    /** Points per request at the start; the adaptive size moves within min and max. */
    public QdrantSinkBuilder<T> setBatchSize(int batchSize) {
        this.batchSize = batchSize;
        return this;
    }

    public QdrantSinkBuilder<T> setMinBatchSize(int minBatchSize) {
        this.minBatchSize = minBatchSize;
        return this;
    }

    public QdrantSinkBuilder<T> setMaxBatchSize(int maxBatchSize) {
        this.maxBatchSize = maxBatchSize;
        return this;
    }

    /** Encoded bytes per request at most. */
    public QdrantSinkBuilder<T> setMaxBatchBytes(long maxBatchBytes) {
        this.maxBatchBytes = maxBatchBytes;
        return this;
    }

    /** Longest wait of a buffered point before it is sent; zero for no timer. */
    public QdrantSinkBuilder<T> setMaxBufferedTime(Duration maxBufferedTime) {
        this.maxBufferedTime = maxBufferedTime;
        return this;
    }

    /** Batches sent and not yet confirmed, per writer, at most. */
    public QdrantSinkBuilder<T> setMaxInFlightBatches(int maxInFlightBatches) {
        this.maxInFlightBatches = maxInFlightBatches;
        return this;
    }

    /** Write latency under which the batch size grows and over which it halves. */
    public QdrantSinkBuilder<T> setTargetLatency(Duration targetLatency) {
        this.targetLatency = targetLatency;
        return this;
    }

    /** Retries of a request that met a transient failure; past them the job fails over. */
    public QdrantSinkBuilder<T> setMaxRetries(int maxRetries) {
        this.maxRetries = maxRetries;
        return this;
    }

    public QdrantSinkBuilder<T> setInitialBackoff(Duration initialBackoff) {
        this.initialBackoff = initialBackoff;
        return this;
    }

    public QdrantSinkBuilder<T> setMaxBackoff(Duration maxBackoff) {
        this.maxBackoff = maxBackoff;
        return this;
    }

    /** Receives the elements that cannot be written; by default they are logged at WARN. */
    public QdrantSinkBuilder<T> setOutcomeListener(QdrantSinkOutcomeListener deadLetters) {
        this.deadLetters = deadLetters;
        return this;
    }

    public QdrantSink<T> build() {
        BuilderChecks.of("QdrantSink")
                .check(connection != null, "setConnectionConfig(...) (or setOptions(...) with "
                        + QdrantOptions.HOST.key() + ") is required")
                .check(collection != null && !collection.isBlank(), "setCollectionName(...) (or "
                        + QdrantOptions.COLLECTION.key() + ") is required")
                .check(converter != null, "setPointConverter(...) is required, e.g. new SyncEntityPointConverter()")
                .notNull(deadLetters, "setOutcomeListener")
                .positive(minBatchSize, "setMinBatchSize")
                .check(maxBatchSize >= minBatchSize, "setMaxBatchSize(" + maxBatchSize
                        + "): must be at least the min batch size " + minBatchSize)
                .inRange(batchSize, minBatchSize, maxBatchSize, "setBatchSize")
                .positive(maxBatchBytes, "setMaxBatchBytes")
                .notNegative(maxBufferedTime, "setMaxBufferedTime")
                .positive(maxInFlightBatches, "setMaxInFlightBatches")
                .positive(targetLatency, "setTargetLatency")
                .notNegative(maxRetries, "setMaxRetries")
                .backoff(initialBackoff, maxBackoff, "setInitialBackoff", "setMaxBackoff");
        WriteSettings settings = new WriteSettings(batchSize, minBatchSize, maxBatchSize, maxBatchBytes,
                maxBufferedTime, maxInFlightBatches, targetLatency, maxRetries, initialBackoff, maxBackoff);
        return new QdrantSink<>(connection, collection, converter, settings, deadLetters);
    }
}
