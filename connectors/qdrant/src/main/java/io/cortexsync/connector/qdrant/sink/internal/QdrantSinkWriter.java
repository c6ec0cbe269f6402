package io.cortexsync.connector.qdrant.sink.internal;

import io.cortexsync.connector.qdrant.client.QdrantConnection;
import io.cortexsync.connector.qdrant.convert.InvalidPointException;
import io.cortexsync.connector.qdrant.convert.QdrantPointConverter;
import io.cortexsync.connector.qdrant.convert.QdrantWrite;
import io.cortexsync.connector.qdrant.sink.QdrantDeadLetterHandler;
import io.cortexsync.schema.model.DeadLetter;

import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import io.qdrant.client.grpc.Common.PointId;
import io.qdrant.client.grpc.Points.DeletePoints;
import io.qdrant.client.grpc.Points.PointsIdsList;
import io.qdrant.client.grpc.Points.PointsSelector;
import io.qdrant.client.grpc.Points.UpdateResult;
import io.qdrant.client.grpc.Points.UpsertPoints;
import org.apache.flink.api.common.operators.MailboxExecutor;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.metrics.groups.SinkWriterMetricGroup;
import org.apache.flink.util.function.ThrowingRunnable;

import java.io.IOException;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Buffers writes and sends them as batches with {@code wait=true}, several at a time. A batch
 * counts as written only when Qdrant confirmed it; {@link #flush} (before every checkpoint and at
 * the end of input) returns only when everything buffered is sent and confirmed, so a completed
 * checkpoint covers every element before it: at-least-once delivery of idempotent writes.
 *
 * <p>Every decision runs on the task thread: gRPC answers and retry timers come back as mailbox
 * mail, and the writer waits for them by yielding to the mailbox. No point is in two unconfirmed
 * requests at once (see {@link WriteBuffer}), so an upsert and a later delete of a point are
 * never reordered. Transient failures are retried with backoff up to the limit, then fail the job;
 * a request Qdrant refuses for its content is split in halves until the bad points are alone,
 * and those go to the dead-letter handler with Qdrant's message.
 */
public final class QdrantSinkWriter<T> implements SinkWriter<T> {

    private final QdrantConnection connection;
    private final String collection;
    private final String endpoint;
    private final QdrantPointConverter<T> converter;
    private final WriteSettings settings;
    private final QdrantDeadLetterHandler deadLetters;
    private final MailboxExecutor mailbox;
    private final ProcessingTimeService timeService;
    private final PointChecks checks;
    private final Backoff backoff;
    private final AdaptiveBatchSize batchSize;
    private final WriterMetrics metrics;
    private final ScheduledExecutorService retryTimer;
    private final WriteBuffer buffer = new WriteBuffer();
    private final Set<PointId> busy = new HashSet<>();
    private int inFlightBatches;
    private volatile int inFlightRequests;
    private boolean timerPending;
    private Exception fatal;

    public QdrantSinkWriter(
            QdrantConnection connection,
            String endpoint,
            String collection,
            int dimension,
            QdrantPointConverter<T> converter,
            WriteSettings settings,
            QdrantDeadLetterHandler deadLetters,
            MailboxExecutor mailbox,
            ProcessingTimeService timeService,
            SinkWriterMetricGroup metricGroup) {
        this.connection = connection;
        this.collection = collection;
        this.endpoint = endpoint;
        this.converter = converter;
        this.settings = settings;
        this.deadLetters = deadLetters;
        this.mailbox = mailbox;
        this.timeService = timeService;
        this.checks = new PointChecks(dimension);
        this.backoff = new Backoff(settings.initialBackoff(), settings.maxBackoff());
        this.batchSize = new AdaptiveBatchSize(settings.batchSize(), settings.minBatchSize(),
                settings.maxBatchSize(), settings.targetLatency().toMillis());
        this.metrics = new WriterMetrics(metricGroup, () -> inFlightRequests, batchSize::current);
        this.retryTimer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "qdrant-sink-retry-timer");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public void write(T element, Context context) throws IOException, InterruptedException {
        checkFatal();
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
        checkFatal();
        while (!buffer.isEmpty()) {
            sendOneBatchOrWait();
        }
        while (inFlightBatches > 0) {
            mailbox.yield();
            checkFatal();
        }
    }

    @Override
    public void close() throws Exception {
        retryTimer.shutdownNow();
        try {
            connection.close();
        } finally {
            deadLetters.close();
        }
    }

    /** The element's write, or null when it went to the dead-letter output. */
    private PendingPoint prepare(T element) {
        QdrantWrite write;
        try {
            write = converter.convert(element);
        } catch (InvalidPointException e) {
            deadLetter(e.recordId(), String.valueOf(element), e.getMessage());
            return null;
        }
        if (write == null) {
            deadLetter(null, String.valueOf(element), "the point converter returned no write");
            return null;
        }
        String problem = checks.problem(write);
        if (problem != null) {
            deadLetter(write.recordId(), write.raw(), problem);
            return null;
        }
        return new PendingPoint(write);
    }

    /** Sends one batch when a slot is free and a batch can be made; otherwise waits for an answer. */
    private void sendOneBatchOrWait() throws IOException, InterruptedException {
        if (!trySendOneBatch()) {
            mailbox.yield();
            checkFatal();
        }
    }

    private boolean trySendOneBatch() {
        if (inFlightBatches >= settings.maxInFlightBatches()) {
            return false;
        }
        List<PendingPoint> points = buffer.takeBatch(batchSize.current(), settings.maxBatchBytes(), busy::contains);
        if (points.isEmpty()) {
            return false;
        }
        InFlightBatch batch = new InFlightBatch(points);
        points.forEach(p -> busy.add(p.write().id()));
        inFlightBatches++;
        metrics.batchSent();
        batch.requestSent();
        send(new WriteRequest(batch, batch.points(), 1));
        return true;
    }

    /** Sends one request; its batch already counts it as open. */
    private void send(WriteRequest request) {
        inFlightRequests++;
        long start = System.nanoTime();
        ListenableFuture<UpdateResult> answer;
        try {
            answer = request.batch().kind() == QdrantWrite.Kind.UPSERT
                    ? connection.client().upsertAsync(upsert(request.points()))
                    : connection.client().deleteAsync(delete(request.points()));
        } catch (RuntimeException e) {
            answer = Futures.immediateFailedFuture(e);
        }
        ListenableFuture<UpdateResult> settled = answer;
        settled.addListener(
                () -> toMailbox(() -> onAnswer(request, settled, start), "qdrant-sink answer"),
                MoreExecutors.directExecutor());
    }

    private UpsertPoints upsert(List<PendingPoint> points) {
        UpsertPoints.Builder request = UpsertPoints.newBuilder().setCollectionName(collection).setWait(true);
        points.forEach(p -> request.addPoints(p.write().point()));
        return request.build();
    }

    private DeletePoints delete(List<PendingPoint> points) {
        PointsIdsList.Builder ids = PointsIdsList.newBuilder();
        points.forEach(p -> ids.addIds(p.write().id()));
        return DeletePoints.newBuilder()
                .setCollectionName(collection)
                .setWait(true)
                .setPoints(PointsSelector.newBuilder().setPoints(ids))
                .build();
    }

    private void onAnswer(WriteRequest request, ListenableFuture<UpdateResult> answer, long startNanos)
            throws IOException {
        inFlightRequests--;
        long latencyMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
        Throwable failure;
        try {
            Futures.getDone(answer);
            metrics.requestConfirmed(request.batch().kind(), request.points().size(), latencyMs);
            batchSize.onWritten(request.points().size(), latencyMs);
            int elements = 0;
            for (PendingPoint point : request.points()) {
                elements += point.elements();
            }
            metrics.elementsConfirmed(elements);
            settle(request);
            return;
        } catch (ExecutionException e) {
            failure = e.getCause();
        } catch (RuntimeException e) {
            failure = e;
        }
        onFailure(request, failure);
    }

    private void onFailure(WriteRequest request, Throwable failure) throws IOException {
        switch (WriteFailures.classify(failure)) {
            case RETRY:
                if (request.attempt() > settings.maxRetries()) {
                    fail(request, failure);
                }
                metrics.retry();
                if (WriteFailures.isPushback(failure)) {
                    batchSize.onPushback();
                }
                WriteRequest retry = request.nextAttempt();
                retryTimer.schedule(
                        () -> toMailbox(() -> send(retry), "qdrant-sink retry"),
                        backoff.delayMillis(request.attempt()),
                        TimeUnit.MILLISECONDS);
                // the retry is open from now, so that the batch does not end while it waits
                request.batch().requestSent();
                settle(request);
                return;
            case ISOLATE:
                if (request.points().size() == 1) {
                    PendingPoint bad = request.points().get(0);
                    deadLetter(bad.write().recordId(), bad.write().raw(), "Qdrant refused the point: "
                            + WriteFailures.describe(failure));
                } else {
                    for (WriteRequest half : request.halves()) {
                        half.batch().requestSent();
                        send(half);
                    }
                }
                settle(request);
                return;
            default:
                fail(request, failure);
        }
    }

    /** One request of a batch is answered for good; the batch ends with its last request. */
    private void settle(WriteRequest request) {
        InFlightBatch batch = request.batch();
        if (batch.requestSettled()) {
            batch.points().forEach(p -> busy.remove(p.write().id()));
            inFlightBatches--;
        }
    }

    private void fail(WriteRequest request, Throwable failure) throws IOException {
        IOException e = new IOException("QdrantSink could not " + request.batch().kind().name().toLowerCase()
                + " " + request.points().size() + " points in collection '" + collection + "' at "
                + endpoint + (request.attempt() > 1 ? " after " + request.attempt() + " attempts" : "")
                + ": " + WriteFailures.describe(failure), failure);
        if (fatal == null) {
            fatal = e;
        }
        throw e;
    }

    private void checkFatal() throws IOException {
        if (fatal != null) {
            throw new IOException("QdrantSink failed earlier: " + fatal.getMessage(), fatal);
        }
    }

    private void toMailbox(ThrowingRunnable<? extends Exception> action, String description) {
        try {
            mailbox.execute(action, description);
        } catch (RejectedExecutionException e) {
            // the task is closing: whatever this answer said, the job restarts from its checkpoint
        }
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
        if (fatal != null || buffer.isEmpty()) {
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

    private void deadLetter(String recordId, String raw, String reason) {
        metrics.deadLetter();
        deadLetters.onDeadLetter(DeadLetter.of(raw == null ? "" : raw, reason, QdrantDeadLetterHandler.STAGE,
                recordId == null || recordId.isBlank() ? null : recordId, Instant.now()));
    }
}
