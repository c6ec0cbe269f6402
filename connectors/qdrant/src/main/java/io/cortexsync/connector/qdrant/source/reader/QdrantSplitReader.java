package io.cortexsync.connector.qdrant.source.reader;

import io.cortexsync.connector.common.reader.WakeableWait;
import io.cortexsync.connector.common.retry.Backoff;
import io.cortexsync.connector.common.retry.FailureClassifier;
import io.cortexsync.connector.qdrant.client.QdrantConnection;
import io.cortexsync.connector.qdrant.client.QdrantFailures;
import io.cortexsync.connector.qdrant.source.QdrantPointId;
import io.cortexsync.connector.qdrant.source.QdrantSourceConfig;
import io.cortexsync.connector.qdrant.source.split.QdrantSplit;
import io.grpc.Status;
import io.qdrant.client.grpc.Points.RetrievedPoint;
import io.qdrant.client.grpc.Points.ScrollPoints;
import io.qdrant.client.grpc.Points.ScrollResponse;
import io.qdrant.client.grpc.Points.WithVectorsSelector;

import org.apache.flink.connector.base.source.reader.RecordsBySplits;
import org.apache.flink.connector.base.source.reader.RecordsWithSplitIds;
import org.apache.flink.connector.base.source.reader.splitreader.SplitReader;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsAddition;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsChange;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * Scrolls the assigned ranges one after another, one page per fetch. Qdrant's scroll has a start
 * offset but no end, so the page that crosses a range's last id is cut there. Each point carries
 * the offset that follows it, which becomes the split's state once the point is emitted.
 * Transient failures (unavailable, deadline, exhausted, aborted) are retried with jittered
 * exponential backoff; a {@link #wakeUp()} ends a backoff wait early.
 */
final class QdrantSplitReader implements SplitReader<ScrolledPoint, QdrantSplit> {

    private static final Logger LOG = LoggerFactory.getLogger(QdrantSplitReader.class);

    private final QdrantSourceConfig config;
    private final ScrollMetrics metrics;
    private final QdrantConnection connection;
    private final Deque<QdrantSplit> pending = new ArrayDeque<>();
    private QdrantSplit current;
    private QdrantPointId cursor;
    private final Backoff backoff;
    private final WakeableWait wait = new WakeableWait();
    private int failedAttempts;

    QdrantSplitReader(QdrantSourceConfig config, ScrollMetrics metrics) {
        this.config = config;
        this.metrics = metrics;
        this.connection = QdrantConnection.open(config.connection());
        this.backoff = new Backoff(config.initialBackoff(), config.maxBackoff());
    }

    @Override
    public RecordsWithSplitIds<ScrolledPoint> fetch() throws IOException {
        if (current == null) {
            current = pending.poll();
            if (current == null) {
                return new RecordsBySplits.Builder<ScrolledPoint>().build();
            }
            if (current.isFinished()) {
                return finish(new RecordsBySplits.Builder<>());
            }
            cursor = current.scrollOffset();
        }
        ScrollResponse page = scroll();
        if (page == null) {
            return new RecordsBySplits.Builder<ScrolledPoint>().build();
        }
        return cut(page);
    }

    /** The page's points inside the current range, each with the offset after it. */
    private RecordsWithSplitIds<ScrolledPoint> cut(ScrollResponse page) {
        QdrantPointId last = current.lastId();
        List<RetrievedPoint> points = page.getResultList();
        QdrantPointId nextPage = page.hasNextPageOffset() ? QdrantPointId.of(page.getNextPageOffset()) : null;
        List<ScrolledPoint> inRange = new ArrayList<>(points.size());
        for (int i = 0; i < points.size(); i++) {
            QdrantPointId id = QdrantPointId.of(points.get(i).getId());
            if (id.compareTo(last) > 0) {
                break;
            }
            QdrantPointId next = i + 1 < points.size() ? QdrantPointId.of(points.get(i + 1).getId()) : nextPage;
            inRange.add(new ScrolledPoint(points.get(i), next != null && next.compareTo(last) <= 0 ? next : null));
        }
        RecordsBySplits.Builder<ScrolledPoint> records = new RecordsBySplits.Builder<>();
        records.addAll(current.splitId(), inRange);
        boolean ended = inRange.isEmpty() || inRange.get(inRange.size() - 1).next == null;
        if (ended) {
            return finish(records);
        }
        cursor = nextPage;
        return records.build();
    }

    private RecordsWithSplitIds<ScrolledPoint> finish(RecordsBySplits.Builder<ScrolledPoint> records) {
        records.addFinishedSplit(current.splitId());
        current = null;
        cursor = null;
        return records.build();
    }

    /** One page from the cursor; null when a wake-up ended a backoff wait. */
    private ScrollResponse scroll() throws IOException {
        ScrollPoints request = ScrollPoints.newBuilder()
                .setCollectionName(config.collection())
                .setOffset(cursor.toPointId())
                .setLimit(config.pageSize())
                .setWithPayload(config.payloadSelector().toGrpc())
                .setWithVectors(WithVectorsSelector.newBuilder().setEnable(config.withVectors()))
                .build();
        // a wake-up that came before this fetch must not cut its backoff short
        wait.clearWakeUp();
        while (true) {
            Future<ScrollResponse> call = connection.client().scrollAsync(request);
            try {
                ScrollResponse response = call.get();
                failedAttempts = 0;
                metrics.pages.inc();
                metrics.bytes.inc(response.getSerializedSize());
                return response;
            } catch (InterruptedException e) {
                call.cancel(true);
                Thread.currentThread().interrupt();
                return null;
            } catch (ExecutionException e) {
                Status status = Status.fromThrowable(e.getCause());
                Optional<FailureClassifier> transientFailure = QdrantFailures.TRANSIENT.classify(e.getCause());
                if (transientFailure.isEmpty() || failedAttempts >= config.maxRetries()) {
                    throw new IOException("Scrolling Qdrant collection '" + config.collection() + "' in "
                            + current + " from " + cursor + " failed"
                            + (failedAttempts > 0 ? " after " + failedAttempts + " retries" : "")
                            + ": " + status, e.getCause());
                }
                failedAttempts++;
                metrics.retries.inc();
                LOG.warn("Scroll of Qdrant collection '{}' failed ({}); retry {} of {}",
                        config.collection(), transientFailure.get(), failedAttempts, config.maxRetries());
                if (!wait.await(backoff.delay(failedAttempts))) {
                    return null;
                }
            }
        }
    }

    @Override
    public void handleSplitsChanges(SplitsChange<QdrantSplit> splitsChanges) {
        if (!(splitsChanges instanceof SplitsAddition)) {
            throw new UnsupportedOperationException(
                    "unsupported splits change " + splitsChanges.getClass().getSimpleName());
        }
        pending.addAll(splitsChanges.splits());
    }

    @Override
    public void wakeUp() {
        wait.wakeUp();
    }

    @Override
    public void close() {
        connection.close();
    }
}
