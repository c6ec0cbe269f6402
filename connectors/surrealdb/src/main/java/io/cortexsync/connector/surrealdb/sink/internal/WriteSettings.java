package io.cortexsync.connector.surrealdb.sink.internal;

import org.apache.flink.annotation.Internal;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How the sink's writer batches and applies writes.
 *
 * @param batchSize records per batch at most
 * @param maxBatchBytes encoded bytes per batch at most (one record alone may exceed it)
 * @param maxBufferedTime longest wait of a buffered record; zero for none
 * @param versionField the field the version guard compares, or null when the guard is off
 * @param conflictMaxRetries retries of a transaction that met a conflict
 * @param conflictInitialBackoff first wait before such a retry; it doubles, with jitter
 * @param conflictMaxBackoff longest wait before such a retry
 */
@Internal
public record WriteSettings(
        int batchSize,
        long maxBatchBytes,
        Duration maxBufferedTime,
        String versionField,
        int conflictMaxRetries,
        Duration conflictInitialBackoff,
        Duration conflictMaxBackoff)
        implements Serializable {

    public WriteSettings {
        Objects.requireNonNull(maxBufferedTime, "maxBufferedTime");
        Objects.requireNonNull(conflictInitialBackoff, "conflictInitialBackoff");
        Objects.requireNonNull(conflictMaxBackoff, "conflictMaxBackoff");
    }

    public Optional<String> versionGuardField() {
        return Optional.ofNullable(versionField);
    }
}
