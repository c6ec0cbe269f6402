package io.cortexsync.connector.qdrant.sink.internal;

import org.apache.flink.annotation.Internal;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * How the sink's writer batches, paces and retries its writes.
 *
 * @param batchSize points per request at the start; adapted within [min, max]
 * @param minBatchSize the adaptive batch size's floor
 * @param maxBatchSize the adaptive batch size's ceiling
 * @param maxBatchBytes encoded bytes per request at most (one point alone may exceed it)
 * @param maxBufferedTime longest wait of a buffered point; zero for no timer
 * @param maxInFlightBatches batches sent and not yet confirmed, at most
 * @param targetLatency write latency the batch size grows under and shrinks over
 * @param maxRetries retries of a request that met a transient failure
 * @param initialBackoff first wait before a retry; it doubles, with jitter
 * @param maxBackoff longest wait before a retry
 */
@Internal
public record WriteSettings(
        int batchSize,
        int minBatchSize,
        int maxBatchSize,
        long maxBatchBytes,
        Duration maxBufferedTime,
        int maxInFlightBatches,
        Duration targetLatency,
        int maxRetries,
        Duration initialBackoff,
        Duration maxBackoff)
        implements Serializable {

    public WriteSettings {
        Objects.requireNonNull(maxBufferedTime, "maxBufferedTime");
        Objects.requireNonNull(targetLatency, "targetLatency");
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
    }
}
