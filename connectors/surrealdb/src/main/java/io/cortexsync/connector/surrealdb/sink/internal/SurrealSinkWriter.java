package io.cortexsync.connector.surrealdb.sink.internal;

import io.cortexsync.connector.surrealdb.client.SurrealClient;
import io.cortexsync.connector.surrealdb.client.SurrealRange;
import io.cortexsync.connector.surrealdb.sink.SurrealRecordSerializer;
import io.cortexsync.connector.surrealdb.sink.SurrealSinkOutcome;
import io.cortexsync.connector.surrealdb.sink.SurrealSinkOutcomeListener;
import io.cortexsync.connector.surrealdb.sink.SurrealWrite;
import io.cortexsync.schema.model.SyncEvent;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.metrics.groups.SinkWriterMetricGroup;

import java.io.IOException;
import java.util.List;

/**
 * Buffers writes and applies them in batches, each batch one transaction; everything buffered is
 * written in {@link #flush}, which Flink calls before every checkpoint and at the end of input,
 * so a completed checkpoint covers every element before it (at-least-once; the writes are
 * idempotent, so replays after a restart change nothing).
 *
 * <p>All work happens on the task thread, the flush-interval timer included: a failure surfaces
 * from the call that met it and fails the task.
 */
@Internal
public final class SurrealSinkWriter<T> implements SinkWriter<T> {

    private final SurrealClient client;
    private final SurrealRecordSerializer<T> serializer;
    private final WriteStatements statements;
    private final BatchWriter batchWriter;
    private final SurrealSinkOutcomeListener listener;
    private final WriterMetrics metrics;
    private final ProcessingTimeService timeService;
    private final long flushIntervalMs;
    private final long maxWriteBytes;
    private final WriteBuffer buffer;
    private boolean timerPending;

    public SurrealSinkWriter(
            SurrealClient client,
            SurrealRecordSerializer<T> serializer,
            WriteSettings settings,
            SurrealSinkOutcomeListener listener,
            SinkWriterMetricGroup metricGroup,
            ProcessingTimeService timeService) {
        this.client = client;
        this.serializer = serializer;
        this.statements = settings.versionGuardField().map(WriteStatements::new).orElseGet(WriteStatements::new);
        this.listener = listener;
        this.timeService = timeService;
        this.flushIntervalMs = settings.maxBufferedTime().toMillis();
        this.maxWriteBytes = client.requestSizer().maxRequestBytes();
        this.buffer = new WriteBuffer(settings.batchSize(), settings.maxBatchBytes());
        this.metrics = new WriterMetrics(metricGroup, client, buffer::size);
        this.batchWriter = new BatchWriter(client, statements, settings, metrics);
    }

    @Override
    public void write(T element, Context context) throws IOException, InterruptedException {
        PendingWrite pending = prepare(element);
        if (pending == null) {
            return;
        }
        if (buffer.wouldOverflow(pending)) {
            writeBuffered();
        }
        buffer.add(pending, timeService.getCurrentProcessingTime());
        if (buffer.isFull()) {
            writeBuffered();
        } else {
            scheduleFlush();
        }
    }

    @Override
    public void flush(boolean endOfInput) throws IOException, InterruptedException {
        writeBuffered();
    }

    @Override
    public void close() {
        client.close();
    }

    /** The element's write, or null when it cannot be written (reported as a dead letter). */
    private PendingWrite prepare(T element) {
        SurrealWrite write;
        try {
            write = serializer.serialize(element);
        } catch (RuntimeException e) {
            deadLetter(null, "the serializer failed: " + e);
            return null;
        }
        if (write == null) {
            deadLetter(null, "the serializer returned no write");
            return null;
        }
        if (write.id().key() instanceof SurrealRange) {
            deadLetter(write.id().toString(), "the id names a range of records, not one record");
            return null;
        }
        Object contentId = write.content() == null ? null : write.content().get("id");
        if (contentId != null && !write.id().equals(contentId)) {
            deadLetter(write.id().toString(), "the content's 'id' field differs from the record id");
            return null;
        }
        PendingWrite pending = new PendingWrite(write, statements.statement(write));
        if (pending.bytes() > maxWriteBytes) {
            deadLetter(pending.recordId(), "the write needs about " + pending.bytes()
                    + " bytes, over the request limit of " + maxWriteBytes + " bytes");
            return null;
        }
        return pending;
    }

    private void writeBuffered() throws IOException, InterruptedException {
        if (buffer.isEmpty()) {
            return;
        }
        List<SurrealSinkOutcome> outcomes = batchWriter.write(buffer.drain());
        outcomes.forEach(listener::onOutcome);
    }

    private void scheduleFlush() {
        if (flushIntervalMs <= 0 || timerPending) {
            return;
        }
        timerPending = true;
        timeService.registerTimer(buffer.oldestArrival() + flushIntervalMs, this::onFlushTimer);
    }

    private void onFlushTimer(long time) throws IOException, InterruptedException {
        timerPending = false;
        if (buffer.isEmpty()) {
            return;
        }
        if (time - buffer.oldestArrival() >= flushIntervalMs) {
            writeBuffered();
        } else {
            scheduleFlush();
        }
    }

    private void deadLetter(String recordId, String reason) {
        metrics.deadLetter();
        listener.onOutcome(new SurrealSinkOutcome(recordId, SyncEvent.Type.DEAD_LETTER, reason));
    }
}
