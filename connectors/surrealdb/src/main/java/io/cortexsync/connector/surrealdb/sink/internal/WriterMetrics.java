package io.cortexsync.connector.surrealdb.sink.internal;

import io.cortexsync.connector.common.metrics.SinkMetricNames;
import io.cortexsync.connector.surrealdb.client.SurrealClient;

import org.apache.flink.annotation.Internal;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.groups.SinkWriterMetricGroup;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;

import java.util.function.IntSupplier;

/**
 * The sink writer's metrics: Flink's standard sink counters and, in the writer's {@code
 * surrealdb} group, the {@link SinkMetricNames} both sinks share ({@code retries} counts the
 * client's transport retries) plus {@code versionConflicts}, {@code conflictRetries} (of
 * transactions that met a concurrent one) and the gauge {@code largestRequestBytes}.
 */
@Internal
public final class WriterMetrics {

    private static final int LATENCY_WINDOW = 500;

    private final Counter recordsSend;
    private final Counter bytesSend;
    private final Counter recordsSendErrors;
    private final Counter batches;
    private final Counter versionConflicts;
    private final Counter deadLetters;
    private final Counter conflictRetries;
    private final Histogram writeLatencyMs;
    private volatile long lastSendTimeMs;

    public WriterMetrics(SinkWriterMetricGroup group, SurrealClient client, IntSupplier bufferedRecords) {
        this.recordsSend = group.getNumRecordsSendCounter();
        this.bytesSend = group.getNumBytesSendCounter();
        this.recordsSendErrors = group.getNumRecordsSendErrorsCounter();
        group.setCurrentSendTimeGauge(() -> lastSendTimeMs);
        MetricGroup surreal = group.addGroup("surrealdb");
        this.batches = surreal.counter(SinkMetricNames.BATCHES);
        this.versionConflicts = surreal.counter("versionConflicts");
        this.deadLetters = surreal.counter(SinkMetricNames.DEAD_LETTERS);
        this.conflictRetries = surreal.counter("conflictRetries");
        this.writeLatencyMs = surreal.histogram(
                SinkMetricNames.WRITE_LATENCY_MS, new DescriptiveStatisticsHistogram(LATENCY_WINDOW));
        surreal.gauge(SinkMetricNames.CURRENT_BATCH_SIZE, bufferedRecords::getAsInt);
        surreal.gauge(SinkMetricNames.RETRIES, () -> client.metrics().retries());
        surreal.gauge("largestRequestBytes", () -> client.metrics().largestRequestBytes());
    }

    void transactionSent(int records, int requestBytes, long latencyMs) {
        recordsSend.inc(records);
        bytesSend.inc(requestBytes);
        writeLatencyMs.update(latencyMs);
        lastSendTimeMs = latencyMs;
    }

    void batchWritten() {
        batches.inc();
    }

    void versionConflict() {
        versionConflicts.inc();
    }

    void deadLetter() {
        deadLetters.inc();
        recordsSendErrors.inc();
    }

    void conflictRetry() {
        conflictRetries.inc();
    }
}
