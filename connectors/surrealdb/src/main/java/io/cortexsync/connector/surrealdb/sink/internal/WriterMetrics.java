package io.cortexsync.connector.surrealdb.sink.internal;

import io.cortexsync.connector.surrealdb.client.SurrealClient;

import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.groups.SinkWriterMetricGroup;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;

import java.util.function.IntSupplier;

/**
 * The sink writer's metrics: Flink's standard sink counters plus batches, version conflicts,
 * dead letters, transaction-conflict and transport retries, the buffered records and the write
 * latency of each transaction.
 */
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
        this.batches = surreal.counter("batches");
        this.versionConflicts = surreal.counter("versionConflicts");
        this.deadLetters = surreal.counter("deadLetters");
        this.conflictRetries = surreal.counter("transactionConflictRetries");
        this.writeLatencyMs = surreal.histogram("writeLatencyMs", new DescriptiveStatisticsHistogram(LATENCY_WINDOW));
        surreal.gauge("currentBatchSize", bufferedRecords::getAsInt);
        surreal.gauge("transportRetries", () -> client.metrics().retries());
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
