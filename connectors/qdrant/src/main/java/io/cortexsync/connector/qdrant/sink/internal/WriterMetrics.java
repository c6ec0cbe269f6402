package io.cortexsync.connector.qdrant.sink.internal;

import io.cortexsync.connector.common.metrics.SinkMetricNames;
import io.cortexsync.connector.qdrant.convert.QdrantWrite;

import org.apache.flink.annotation.Internal;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.groups.SinkWriterMetricGroup;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;

import java.util.function.IntSupplier;

/**
 * The sink writer's metrics: Flink's standard {@code numRecordsSend} (stream elements whose write
 * Qdrant confirmed) and, in the writer's {@code qdrant} group, the {@link SinkMetricNames} both
 * sinks share plus {@code pointsWritten}, {@code pointsDeleted} and the gauge {@code
 * inFlightRequests}.
 */
@Internal
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
        MetricGroup qdrant = group.addGroup("qdrant");
        this.pointsWritten = qdrant.counter("pointsWritten");
        this.pointsDeleted = qdrant.counter("pointsDeleted");
        this.batches = qdrant.counter(SinkMetricNames.BATCHES);
        this.retries = qdrant.counter(SinkMetricNames.RETRIES);
        this.deadLetters = qdrant.counter(SinkMetricNames.DEAD_LETTERS);
        this.writeLatencyMs = qdrant.histogram(
                SinkMetricNames.WRITE_LATENCY_MS, new DescriptiveStatisticsHistogram(LATENCY_WINDOW));
        qdrant.gauge("inFlightRequests", inFlightRequests::getAsInt);
        qdrant.gauge(SinkMetricNames.CURRENT_BATCH_SIZE, currentBatchSize::getAsInt);
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
