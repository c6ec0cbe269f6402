package io.cortexsync.connector.qdrant.source;

import io.cortexsync.connector.common.builder.BuilderChecks;
import io.cortexsync.connector.qdrant.QdrantOptions;
import io.cortexsync.connector.qdrant.client.QdrantConnectionConfig;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.ReadableConfig;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/** Builds a {@link QdrantSource}; defaults are those of {@link QdrantOptions}' source section. */
@PublicEvolving
public final class QdrantSourceBuilder<T> {

    /** 2^16 ranges is already far more than any parallelism; more would only bloat the enumerator. */
    public static final int MAX_PARTITION_BITS = 16;

    private QdrantConnectionConfig connection;
    private String collection;
    private int partitionBits = QdrantOptions.SOURCE_PARTITION_BITS.defaultValue();
    private int pageSize = QdrantOptions.SOURCE_PAGE_SIZE.defaultValue();
    private QdrantPayloadSelector payloadSelector = QdrantPayloadSelector.all();
    private boolean withVectors = QdrantOptions.SOURCE_WITH_VECTORS.defaultValue();
    private int maxRetries = QdrantOptions.SOURCE_MAX_RETRIES.defaultValue();
    private Duration initialBackoff = QdrantOptions.SOURCE_INITIAL_BACKOFF.defaultValue();
    private Duration maxBackoff = QdrantOptions.SOURCE_MAX_BACKOFF.defaultValue();
    private QdrantPointDeserializer<T> deserializer;
    private SortedSet<Integer> partitions;

    QdrantSourceBuilder() {}

    public QdrantSourceBuilder<T> setConnectionConfig(QdrantConnectionConfig connection) {
        this.connection = connection;
        return this;
    }

    public QdrantSourceBuilder<T> setCollectionName(String collection) {
        this.collection = collection;
        return this;
    }

    /** Cuts the UUID space into 2^bits ranges, one split each (default 8: 256 ranges). */
    public QdrantSourceBuilder<T> setPartitionBits(int partitionBits) {
        this.partitionBits = partitionBits;
        return this;
    }

    /**
     * Reads only these of the 2^{@link #setPartitionBits partition bits} UUID ranges (default: all);
     * the numeric ids, which Qdrant orders before every UUID, are read with partition 0.
     */
    public QdrantSourceBuilder<T> setPartitions(Collection<Integer> partitions) {
        this.partitions = partitions == null ? null : new TreeSet<>(partitions);
        return this;
    }

    /** Points per scroll request (default 256). */
    public QdrantSourceBuilder<T> setPageSize(int pageSize) {
        this.pageSize = pageSize;
        return this;
    }

    /** Which payload keys to read (default all). */
    public QdrantSourceBuilder<T> setPayloadSelector(QdrantPayloadSelector payloadSelector) {
        this.payloadSelector = payloadSelector;
        return this;
    }

    /** Whether to read vectors (default false). */
    public QdrantSourceBuilder<T> setWithVectors(boolean withVectors) {
        this.withVectors = withVectors;
        return this;
    }

    /** Retries of a scroll that failed with a transient status before the job fails (default 5). */
    public QdrantSourceBuilder<T> setMaxRetries(int maxRetries) {
        this.maxRetries = maxRetries;
        return this;
    }

    /** The first wait before a retry; it doubles up to {@link #setMaxBackoff}, with jitter. */
    public QdrantSourceBuilder<T> setInitialBackoff(Duration initialBackoff) {
        this.initialBackoff = initialBackoff;
        return this;
    }

    public QdrantSourceBuilder<T> setMaxBackoff(Duration maxBackoff) {
        this.maxBackoff = maxBackoff;
        return this;
    }

    /** How points become records; default {@link QdrantPointDeserializer#points()}. */
    public QdrantSourceBuilder<T> setDeserializer(QdrantPointDeserializer<T> deserializer) {
        this.deserializer = deserializer;
        return this;
    }

    /** Takes the connection, the collection and every source option set in {@code config}. */
    public QdrantSourceBuilder<T> setOptions(ReadableConfig config) {
        setConnectionConfig(QdrantOptions.connectionConfig(config));
        config.getOptional(QdrantOptions.COLLECTION).ifPresent(this::setCollectionName);
        setPartitionBits(config.get(QdrantOptions.SOURCE_PARTITION_BITS));
        setPageSize(config.get(QdrantOptions.SOURCE_PAGE_SIZE));
        setWithVectors(config.get(QdrantOptions.SOURCE_WITH_VECTORS));
        List<String> fields = config.get(QdrantOptions.SOURCE_PAYLOAD_FIELDS);
        if (!config.get(QdrantOptions.SOURCE_WITH_PAYLOAD)) {
            setPayloadSelector(QdrantPayloadSelector.none());
        } else if (!fields.isEmpty()) {
            setPayloadSelector(QdrantPayloadSelector.include(fields.toArray(new String[0])));
        } else {
            setPayloadSelector(QdrantPayloadSelector.all());
        }
        setMaxRetries(config.get(QdrantOptions.SOURCE_MAX_RETRIES));
        setInitialBackoff(config.get(QdrantOptions.SOURCE_INITIAL_BACKOFF));
        setMaxBackoff(config.get(QdrantOptions.SOURCE_MAX_BACKOFF));
        return this;
    }

    @SuppressWarnings("unchecked")
    public QdrantSource<T> build() {
        sanityCheck();
        QdrantPointDeserializer<T> points =
                deserializer != null ? deserializer : (QdrantPointDeserializer<T>) QdrantPointDeserializer.points();
        return new QdrantSource<>(
                new QdrantSourceConfig(connection, collection, partitionBits, pageSize, payloadSelector, withVectors,
                        maxRetries, initialBackoff, maxBackoff, partitions),
                points);
    }

    private void sanityCheck() {
        BuilderChecks.of("QdrantSource")
                .notNull(connection, "setConnectionConfig")
                .notBlank(collection, "setCollectionName")
                .inRange(partitionBits, 0, MAX_PARTITION_BITS, "setPartitionBits")
                .positive(pageSize, "setPageSize")
                .check(payloadSelector != null,
                        "setPayloadSelector(...) must not be null; use QdrantPayloadSelector.none()")
                .notNegative(maxRetries, "setMaxRetries")
                .check(partitions == null || !partitions.isEmpty() && partitions.first() >= 0
                                && partitions.last() < (1 << Math.min(Math.max(partitionBits, 0), MAX_PARTITION_BITS)),
                        "setPartitions(...) takes partitions from 0 to 2^partitionBits - 1, at least one: " + partitions)
                .backoff(initialBackoff, maxBackoff, "setInitialBackoff", "setMaxBackoff");
    }
}
