package io.cortexsync.connector.qdrant.sink.internal;

import io.cortexsync.connector.common.retry.Backoff;
import io.cortexsync.connector.qdrant.client.QdrantConnection;
import io.cortexsync.connector.qdrant.convert.QdrantWrite;

import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import io.qdrant.client.grpc.Common.PointId;
import io.qdrant.client.grpc.Points.DeletePoints;
import io.qdrant.client.grpc.Points.PointsIdsList;
import io.qdrant.client.grpc.Points.PointsSelector;
import io.qdrant.client.grpc.Points.UpdateResult;
import org.apache.flink.api.common.operators.MailboxExecutor;
import org.apache.flink.util.function.ThrowingRunnable;

import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The batches sent and not yet settled, and what happens to each answer. Every method runs on the
 * task thread: gRPC answers and retry timers come back as mailbox mail.
 *
 * <p>A batch's points stay busy until its last request is settled, so no point is ever in two
 * unconfirmed requests. A transient failure sends the same request again after a backoff, up to
 * the retry limit; past it, and on failures the sink cannot fix, the answer's mail throws, which
 * fails the task. A request Qdrant refuses for its content is split in halves until each refused
 * point is alone; that point is dead-lettered with Qdrant's message.
 */
final class InFlightWrites {

    private final QdrantConnection connection;
    private final String endpoint;
    private final String collection;
    private final WriteSettings settings;
    private final AdaptiveBatchSize batchSize;
    private final WriterMetrics metrics;
    private final DeadLetters deadLetters;
    private final WriteOutcomes outcomes;
    private final MailboxExecutor mailbox;
    private final Backoff backoff;
    private final ScheduledExecutorService retryTimer;
    private final Set<PointId> busy = new HashSet<>();
    private int batches;
    private volatile int requests;
    private IOException fatal;

    InFlightWrites(
            QdrantConnection connection,
            String endpoint,
            String collection,
            WriteSettings settings,
            AdaptiveBatchSize batchSize,
            WriterMetrics metrics,
            DeadLetters deadLetters,
            WriteOutcomes outcomes,
            MailboxExecutor mailbox) {
        this.connection = connection;
        this.endpoint = endpoint;
        this.collection = collection;
        this.settings = settings;
        this.batchSize = batchSize;
        this.metrics = metrics;
        this.deadLetters = deadLetters;
        this.outcomes = outcomes;
        this.mailbox = mailbox;
        this.backoff = new Backoff(settings.initialBackoff(), settings.maxBackoff());
        this.retryTimer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "qdrant-sink-retry-timer");
            t.setDaemon(true);
            return t;
        });
    }

    boolean hasFreeSlot() {
        return batches < settings.maxInFlightBatches();
    }

    boolean isBusy(PointId id) {
        return busy.contains(id);
    }

    /** Batches not yet settled. */
    int batches() {
        return batches;
    }

    /** gRPC calls waiting for their answer. */
    int requests() {
        return requests;
    }

    /** Sends a batch of writes of one kind, none of them busy. */
    void send(List<PendingPoint> points) {
        InFlightBatch batch = new InFlightBatch(points);
        points.forEach(p -> busy.add(p.write().id()));
        batches++;
        metrics.batchSent();
        batch.requestSent();
        send(new WriteRequest(batch, batch.points(), 1));
    }

    /** Throws the failure that ended the writing, if any. */
    void checkFailure() throws IOException {
        if (fatal != null) {
            throw new IOException("QdrantSink failed earlier: " + fatal.getMessage(), fatal);
        }
    }

    boolean failed() {
        return fatal != null;
    }

    void close() {
        retryTimer.shutdownNow();
    }

    /** Sends one request; its batch already counts it as open. */
    private void send(WriteRequest request) {
        requests++;
        long start = System.nanoTime();
        ListenableFuture<UpdateResult> answer;
        try {
            answer = request.batch().kind() == QdrantWrite.Kind.UPSERT
                    ? UpsertCall.send(connection.points(), new UpsertRequest(collection, true, request.points()))
                    : connection.client().deleteAsync(delete(request.points()));
        } catch (RuntimeException e) {
            answer = Futures.immediateFailedFuture(e);
        }
        ListenableFuture<UpdateResult> settled = answer;
        settled.addListener(
                () -> toMailbox(() -> onAnswer(request, settled, start), "qdrant-sink answer"),
                MoreExecutors.directExecutor());
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
        requests--;
        long latencyMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
        Throwable failure;
        try {
            Futures.getDone(answer);
            confirmed(request, latencyMs);
            return;
        } catch (ExecutionException e) {
            failure = e.getCause();
        } catch (RuntimeException e) {
            failure = e;
        }
        switch (WriteFailures.classify(failure)) {
            case RETRY:
                retry(request, failure);
                return;
            case ISOLATE:
                isolate(request, failure);
                return;
            default:
                fail(request, failure);
        }
    }

    private void confirmed(WriteRequest request, long latencyMs) {
        metrics.requestConfirmed(request.batch().kind(), request.points().size(), latencyMs);
        batchSize.onWritten(request.points().size(), latencyMs);
        int elements = 0;
        for (PendingPoint point : request.points()) {
            elements += point.elements();
            if (!point.origins().isEmpty()) {
                outcomes.written(point.origins());
            }
        }
        metrics.elementsConfirmed(elements);
        settle(request);
    }

    private void retry(WriteRequest request, Throwable failure) throws IOException {
        if (request.attempt() > settings.maxRetries()) {
            fail(request, failure);
        }
        metrics.retry();
        if (WriteFailures.isPushback(failure)) {
            batchSize.onPushback();
        }
        WriteRequest retry = request.nextAttempt();
        // open from now, so that the batch does not end while its retry waits
        request.batch().requestSent();
        retryTimer.schedule(
                () -> toMailbox(() -> send(retry), "qdrant-sink retry"),
                backoff.delayMillis(request.attempt()),
                TimeUnit.MILLISECONDS);
        settle(request);
    }

    private void isolate(WriteRequest request, Throwable failure) {
        if (request.points().size() == 1) {
            deadLetters.send(request.points().get(0), WriteFailures.REFUSED_PREFIX + WriteFailures.describe(failure));
        } else {
            for (WriteRequest half : request.halves()) {
                half.batch().requestSent();
                send(half);
            }
        }
        settle(request);
    }

    /** One request of a batch is answered for good; the batch ends with its last request. */
    private void settle(WriteRequest request) {
        InFlightBatch batch = request.batch();
        if (batch.requestSettled()) {
            batch.points().forEach(p -> busy.remove(p.write().id()));
            batches--;
        }
    }

    private void fail(WriteRequest request, Throwable failure) throws IOException {
        IOException e = new IOException("QdrantSink could not " + request.batch().kind().name().toLowerCase()
                + " " + request.points().size() + " points in collection '" + collection + "' at " + endpoint
                + (request.attempt() > 1 ? " after " + request.attempt() + " attempts" : "")
                + ": " + WriteFailures.describe(failure), failure);
        if (fatal == null) {
            fatal = e;
        }
        throw e;
    }

    private void toMailbox(ThrowingRunnable<? extends Exception> action, String description) {
        try {
            mailbox.execute(action, description);
        } catch (RejectedExecutionException e) {
            // the task is closing: whatever this answer said, the job restarts from its checkpoint
        }
    }
}
