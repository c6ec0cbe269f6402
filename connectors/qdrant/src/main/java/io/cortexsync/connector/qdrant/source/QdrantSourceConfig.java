package io.cortexsync.connector.qdrant.source;

import io.cortexsync.connector.qdrant.client.QdrantConnectionConfig;

import org.apache.flink.annotation.Internal;

import java.io.Serializable;
import java.time.Duration;
import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;

/** Everything a QdrantSource's enumerator and readers need; built by {@link QdrantSourceBuilder}. */
@Internal
public final class QdrantSourceConfig implements Serializable {

    private static final long serialVersionUID = 1L;

    private final QdrantConnectionConfig connection;
    private final String collection;
    private final int partitionBits;
    private final int pageSize;
    private final QdrantPayloadSelector payloadSelector;
    private final boolean withVectors;
    private final int maxRetries;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final TreeSet<Integer> partitions;

    QdrantSourceConfig(
            QdrantConnectionConfig connection,
            String collection,
            int partitionBits,
            int pageSize,
            QdrantPayloadSelector payloadSelector,
            boolean withVectors,
            int maxRetries,
            Duration initialBackoff,
            Duration maxBackoff,
            SortedSet<Integer> partitions) {
        this.connection = connection;
        this.collection = collection;
        this.partitionBits = partitionBits;
        this.pageSize = pageSize;
        this.payloadSelector = payloadSelector;
        this.withVectors = withVectors;
        this.maxRetries = maxRetries;
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
        this.partitions = partitions == null ? null : new TreeSet<>(partitions);
    }

    public QdrantConnectionConfig connection() {
        return connection;
    }

    public String collection() {
        return collection;
    }

    /** The UUID space is cut into 2^partitionBits ranges, one split each. */
    public int partitionBits() {
        return partitionBits;
    }

    /** The partitions to read, {@code null} for all; the numeric ids go with partition 0. */
    public SortedSet<Integer> partitions() {
        return partitions == null ? null : Collections.unmodifiableSortedSet(partitions);
    }

    /** Points per scroll request. */
    public int pageSize() {
        return pageSize;
    }

    public QdrantPayloadSelector payloadSelector() {
        return payloadSelector;
    }

    public boolean withVectors() {
        return withVectors;
    }

    /** Retries of a scroll that failed with a transient status, before the reader fails. */
    public int maxRetries() {
        return maxRetries;
    }

    public Duration initialBackoff() {
        return initialBackoff;
    }

    public Duration maxBackoff() {
        return maxBackoff;
    }

    @Override
    public String toString() {
        return "QdrantSource{collection '" + collection + "' at " + connection + ", " + (1L << partitionBits)
                + " partitions" + (partitions == null ? "" : " (reading " + partitions.size() + ")") + ", page " + pageSize + ", payload " + payloadSelector + ", vectors " + withVectors + '}';
    }
}
