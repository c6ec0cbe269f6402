package io.cortexsync.connector.qdrant.sink.internal;

import io.cortexsync.connector.qdrant.convert.QdrantWrite;

import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.groups.SinkWriterMetricGroup;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;

import java.util.function.IntSupplier;

/**
 * The sink writer's metrics, on the writer's metric group under fixed names: {@code pointsWritten},
 * {@code pointsDeleted}, {@code batches}, {@code retries}, {@code deadLetters}, the gauges {@code
 * inFlightRequests} and {@code currentBatchSize}, the histogram {@code writeLatencyMs}, and
 * Flink's standard {@code numRecordsSend} (stream elements whose write Qdrant confirmed).
 */
public final class WriterMetrics {

    private static final int LATENCY_WINDOW = 500;

    private final Counter recordsSend;
    private final Counter recordsSendErrors;
    private final Counter pointsWritten;
    private final Counter pointsDeleted;
    private final Counter batches;
    private final Counter retries;
    private final Counter deadLetters;
    private final Histogram writeLatencyMs;
    private volatile long lastSendTimeMs;

    public WriterMetrics(SinkWriterMetricGroup group, IntSupplier inFlightRequests, IntSupplier currentBatchSize) {
        this.recordsSend = group.getNumRecordsSendCounter();
        this.recordsSendErrors = group.getNumRecordsSendErrorsCounter();
        group.setCurrentSendTimeGauge(() -> lastSendTimeMs);
        this.pointsWritten = group.counter("pointsWritten");
        this.pointsDeleted = group.counter("pointsDeleted");
        this.batches = group.counter("batches");
        this.retries = group.counter("retries");
        this.deadLetters = group.counter("deadLetters");
        this.writeLatencyMs = group.histogram("writeLatencyMs", new DescriptiveStatisticsHistogram(LATENCY_WINDOW));
        group.gauge("inFlightRequests", inFlightRequests::getAsInt);
        group.gauge("currentBatchSize", currentBatchSize::getAsInt);
    }

    void requestConfirmed(QdrantWrite.Kind kind, int points, long latencyMs) {
        (kind == QdrantWrite.Kind.UPSERT ? pointsWritten : pointsDeleted).inc(points);
        writeLatencyMs.update(latencyMs);
        lastSendTimeMs = latencyMs;
    }

    void elementsConfirmed(int elements) {
        recordsSend.inc(elements);
    }

    void batchSent() {
        batches.inc();
    }

    void retry() {
        retries.inc();
    }

    void deadLetter() {
        deadLetters.inc();
        recordsSendErrors.inc();
    }
}
