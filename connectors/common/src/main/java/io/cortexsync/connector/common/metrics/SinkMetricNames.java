package io.cortexsync.connector.common.metrics;

import org.apache.flink.annotation.Internal;

/**
 * The names of the metrics both sinks report for the same things. Each sink registers them, next
 * to its own, in a group named after its store ({@code qdrant}, {@code surrealdb}) under Flink's
 * sink writer group, beside Flink's standard {@code numRecordsSend} and {@code numRecordsSendErrors}.
 */
@Internal
public final class SinkMetricNames {

    /** Counter: batches written. */
    public static final String BATCHES = "batches";
    /** Counter or gauge: requests sent again after a transient failure. */
    public static final String RETRIES = "retries";
    /** Counter: elements that can never be written, handed to the outcome listener. */
    public static final String DEAD_LETTERS = "deadLetters";
    /** Histogram: milliseconds from sending a request to its confirmation. */
    public static final String WRITE_LATENCY_MS = "writeLatencyMs";
    /** Gauge: the size of the batch being filled. */
    public static final String CURRENT_BATCH_SIZE = "currentBatchSize";

    private SinkMetricNames() {}
}
