package io.cortexsync.connector.qdrant.sink.internal;

import io.cortexsync.connector.qdrant.client.QdrantConnection;
import io.cortexsync.connector.qdrant.convert.InvalidPointException;
import io.cortexsync.connector.qdrant.convert.QdrantPointConverter;
import io.cortexsync.connector.qdrant.convert.QdrantWrite;
import io.cortexsync.connector.qdrant.sink.QdrantSinkOutcomeListener;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.operators.MailboxExecutor;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.metrics.groups.SinkWriterMetricGroup;

import java.io.IOException;
import java.util.List;

/**
 * Buffers writes and sends them as batches with {@code wait=true}, several at a time (see {@link
 * InFlightWrites}). A batch counts as written only when Qdrant confirmed it; {@link #flush}
 * (before every checkpoint and at the end of input) returns only when everything buffered is sent
 * and confirmed, so a completed checkpoint covers every element before it: at-least-once delivery
 * of idempotent writes.
 *
 * <p>Every decision runs on the task thread; the writer waits for answers by yielding to the
 * mailbox. A buffered write whose point is in an unconfirmed request stays buffered until that
 * request is settled (see {@link WriteBuffer}), so an upsert and a later delete of a point are
 * never reordered.
 */
@Internal
public final class QdrantSinkWriter<T> implements SinkWriter<T> {

    private final QdrantConnection connection;
    private final QdrantPointConverter<T> converter;
    private final WriteSettings settings;
    private final QdrantSinkOutcomeListener handler;
    private final MailboxExecutor mailbox;
    private final ProcessingTimeService timeService;
    private final PointChecks checks;
    private final AdaptiveBatchSize batchSize;
    private final DeadLetters deadLetters;
    private final InFlightWrites inFlight;
    private final WriteOutcomes outcomes;
    private final WriteBuffer buffer = new WriteBuffer();
    private boolean timerPending;

    public QdrantSinkWriter(
            QdrantConnection connection,
            String endpoint,
            String collection,
            int dimension,
            QdrantPointConverter<T> converter,
            WriteSettings settings,
            QdrantSinkOutcomeListener handler,
            WriteOutcomes outcomes,
            MailboxExecutor mailbox,
            ProcessingTimeService timeService,
            SinkWriterMetricGroup metricGroup) {
        this.connection = connection;
        this.converter = converter;
        this.settings = settings;
        this.handler = handler;
        this.mailbox = mailbox;
        this.timeService = timeService;
        this.checks = new PointChecks(dimension);
        this.batchSize = new AdaptiveBatchSize(settings.batchSize(), settings.minBatchSize(),
                settings.maxBatchSize(), settings.targetLatency().toMillis());
        WriterMetrics metrics = new WriterMetrics(metricGroup, this::inFlightRequests, batchSize::current);
        this.outcomes = outcomes;
        this.deadLetters = new DeadLetters(handler, metrics, outcomes);
        this.inFlight = new InFlightWrites(
                connection, endpoint, collection, settings, batchSize, metrics, deadLetters, outcomes, mailbox);
    }

    @Override
    public void write(T element, Context context) throws IOException, InterruptedException {
        inFlight.checkFailure();
        PendingPoint pending = prepare(element);
        if (pending == null) {
            return;
        }
        buffer.add(pending, timeService.getCurrentProcessingTime());
        while (buffer.isFull(batchSize.current(), settings.maxBatchBytes())) {
            sendOneBatchOrWait();
        }
        scheduleFlush();
    }

    @Override
    public void flush(boolean endOfInput) throws IOException, InterruptedException {
        inFlight.checkFailure();
        while (!buffer.isEmpty()) {
            sendOneBatchOrWait();
        }
        while (inFlight.batches() > 0) {
            mailbox.yield();
            inFlight.checkFailure();
        }
    }

    @Override
    public void close() throws Exception {
        inFlight.close();
        try {
            connection.close();
        } finally {
            handler.close();
        }
    }

    private int inFlightRequests() {
        return inFlight == null ? 0 : inFlight.requests();
    }

    /** The element's write, or null when it went to the dead-letter output. */
    private PendingPoint prepare(T element) {
        QdrantWrite write;
        try {
            write = converter.convert(element);
        } catch (InvalidPointException e) {
            deadLetters.send(element, e.recordId(), String.valueOf(element), e.getMessage());
            return null;
        }
        if (write == null) {
            deadLetters.send(element, null, String.valueOf(element), "the point converter returned no write");
            return null;
        }
        String problem = checks.problem(write);
        if (problem != null) {
            deadLetters.send(element, write.recordId(), write.raw(), problem);
            return null;
        }
        return outcomes.keepsElements() ? new PendingPoint(write, element) : new PendingPoint(write);
    }

    /** Sends one batch when a slot is free and a batch can be made; otherwise waits for an answer. */
    private void sendOneBatchOrWait() throws IOException, InterruptedException {
        if (!trySendOneBatch()) {
            mailbox.yield();
            inFlight.checkFailure();
        }
    }

    private boolean trySendOneBatch() {
        if (!inFlight.hasFreeSlot()) {
            return false;
        }
        List<PendingPoint> points = buffer.takeBatch(batchSize.current(), settings.maxBatchBytes(), inFlight::isBusy);
        if (points.isEmpty()) {
            return false;
        }
        inFlight.send(points);
        return true;
    }

    private void scheduleFlush() {
        long interval = settings.maxBufferedTime().toMillis();
        if (interval <= 0 || timerPending || buffer.isEmpty()) {
            return;
        }
        timerPending = true;
        timeService.registerTimer(
                Math.max(buffer.oldestArrival() + interval, timeService.getCurrentProcessingTime() + 1),
                this::onFlushTimer);
    }

    /** Sends what waited too long, as far as free slots allow, without waiting on the task thread. */
    private void onFlushTimer(long time) {
        timerPending = false;
        if (inFlight.failed() || buffer.isEmpty()) {
            return;
        }
        if (time - buffer.oldestArrival() >= settings.maxBufferedTime().toMillis()) {
            while (!buffer.isEmpty() && trySendOneBatch()) {
                // keep sending
            }
            if (!buffer.isEmpty()) {
                timerPending = true;
                timeService.registerTimer(time + settings.maxBufferedTime().toMillis(), this::onFlushTimer);
            }
        } else {
            scheduleFlush();
        }
    }
}
