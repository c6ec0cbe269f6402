package io.cortexsync.connector.dualwrite.apply;

import io.cortexsync.connector.common.retry.Backoff;
import io.cortexsync.connector.dualwrite.DualWriteSettings;
import io.cortexsync.connector.dualwrite.commit.ChangeOutcome;
import io.cortexsync.connector.dualwrite.commit.CommitFaults;
import io.cortexsync.connector.dualwrite.commit.CommitMarker;
import io.cortexsync.connector.dualwrite.commit.DualWriteCommittable;
import io.cortexsync.connector.dualwrite.commit.DualWriteCommittableSerializer;
import io.cortexsync.connector.dualwrite.commit.SurrealCommit;
import io.cortexsync.connector.dualwrite.commit.SurrealHandover;
import io.cortexsync.connector.qdrant.client.QdrantConnection;
import io.cortexsync.connector.surrealdb.client.SurrealClient;
import io.cortexsync.connector.surrealdb.client.SurrealException;
import io.cortexsync.connector.surrealdb.client.SurrealFailures;
import io.cortexsync.schema.model.SyncEvent;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeutils.base.StringSerializer;
import org.apache.flink.api.common.typeutils.base.array.BytePrimitiveArraySerializer;
import org.apache.flink.core.io.SimpleVersionedSerialization;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.connector.sink2.CommittableMessage;
import org.apache.flink.streaming.api.connector.sink2.CommittableWithLineage;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.operators.StreamOperatorParameters;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.api.common.operators.ProcessingTimeService.ProcessingTimeCallback;
import org.apache.flink.util.IOUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The second half of every commit, after the committer wrote SurrealDB: brings Qdrant to the
 * committed state, finishes the commit marker and emits each change's final event. Committables
 * are taken in the order they were committed, one subtask's after another's never (the stage
 * runs at the committer's parallelism, forward), so per-record order holds in Qdrant too.
 *
 * <p>While Qdrant is unavailable the committed batches queue here, in operator state, and are
 * tried again with backoff on a timer, so SurrealDB and the checkpoints go on: an outage delays
 * Qdrant only. Each failed round emits RETRYING events for the head batch. A batch already
 * finished (its marker says DONE, as after a restore) only has its final events emitted again,
 * into the new Kafka transaction.
 *
 * <p>A batch the committer handed over ({@link SurrealHandover}: SurrealDB was unavailable past
 * the commit timeout) has its SurrealDB half written here first, retried the same way, with
 * RETRYING events that name SurrealDB.
 */
@Internal
public final class QdrantStageOperator extends AbstractStreamOperator<SyncEvent>
        implements OneInputStreamOperator<CommittableMessage<DualWriteCommittable>, SyncEvent>, ProcessingTimeCallback {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(QdrantStageOperator.class);
    private static final long CLEANUP_EVERY_MILLIS = Duration.ofHours(1).toMillis();

    private final DualWriteSettings settings;
    private final DualWriteCommittableSerializer serializer = new DualWriteCommittableSerializer();

    private transient ArrayDeque<DualWriteCommittable> queue;
    private transient ListState<byte[]> queueState;
    private transient ListState<String> handedOverState;
    private transient SurrealHandover handover;
    private transient SurrealClient surrealClient;
    private transient QdrantConnection qdrantConnection;
    private transient SurrealCommit surreal;
    private transient QdrantCommit qdrant;
    private transient Backoff backoff;
    private transient Clock clock;
    private transient int failedRounds;
    private transient boolean retryScheduled;
    private transient long nextCleanupMillis;
    private transient Counter synced;
    private transient Counter conflicts;
    private transient Counter compensations;
    private transient Counter failed;
    private transient Counter retries;
    private transient Histogram commitLatency;

    public QdrantStageOperator(StreamOperatorParameters<SyncEvent> parameters, DualWriteSettings settings) {
        super(parameters);
        this.settings = settings;
    }

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        queue = new ArrayDeque<>();
        queueState = context.getOperatorStateStore().getListState(
                new ListStateDescriptor<>("dual-write-qdrant-queue", BytePrimitiveArraySerializer.INSTANCE));
        for (byte[] bytes : queueState.get()) {
            queue.add(SimpleVersionedSerialization.readVersionAndDeSerialize(serializer, bytes));
        }
        handedOverState = context.getOperatorStateStore().getListState(
                new ListStateDescriptor<>("dual-write-surreal-handed-over", StringSerializer.INSTANCE));
        // before the committer (opened after this operator) commits anything restored
        List<String> handedOver = new ArrayList<>();
        handedOverState.get().forEach(handedOver::add);
        handover = SurrealHandover.of(settings.sinkId(), getRuntimeContext().getTaskInfo().getIndexOfThisSubtask());
        handover.restore(handedOver);
    }

    @Override
    public void open() throws Exception {
        super.open();
        clock = Clock.systemUTC();
        surrealClient = SurrealClient.create(settings.surreal());
        qdrantConnection = QdrantConnection.open(settings.qdrant());
        surreal = new SurrealCommit(surrealClient, settings, clock);
        qdrant = new QdrantCommit(qdrantConnection, settings, new Compensation(surrealClient, settings, surreal), clock);
        backoff = new Backoff(Duration.ofMillis(200), settings.qdrantMaxBackoff());
        nextCleanupMillis = clock.millis();
        var group = getMetricGroup().addGroup("dualwrite");
        synced = group.counter("changesCommitted");
        conflicts = group.counter("conflicts");
        compensations = group.counter("compensations");
        failed = group.counter("failed");
        retries = group.counter("qdrantRetries");
        commitLatency = group.histogram("commitLatencyMs", new DescriptiveStatisticsHistogram(1000));
        group.gauge("committablesPending", () -> queue.size());
        if (!queue.isEmpty()) {
            schedule(0);
        }
    }

    @Override
    public void processElement(StreamRecord<CommittableMessage<DualWriteCommittable>> element) throws Exception {
        if (element.getValue() instanceof CommittableWithLineage) {
            queue.add(((CommittableWithLineage<DualWriteCommittable>) element.getValue()).getCommittable());
            if (!retryScheduled) {
                drain();
            }
        }
    }

    @Override
    public void onProcessingTime(long time) throws Exception {
        retryScheduled = false;
        drain();
    }

    /** Applies queued batches in order until one must wait. */
    private void drain() {
        while (!queue.isEmpty()) {
            DualWriteCommittable head = queue.peek();
            if (!apply(head)) {
                schedule(backoff.delayMillis(failedRounds));
                return;
            }
            queue.poll();
            failedRounds = 0;
        }
        cleanUpNowAndThen();
    }

    /** Whether the batch is done; false when Qdrant (or SurrealDB) is unavailable for now. */
    private boolean apply(DualWriteCommittable committable) {
        CommitMarker marker = null;
        long deadline = clock.millis() + settings.qdrantRetryInPlace().toMillis();
        int attempt = 0;
        while (true) {
            try {
                if (marker == null) {
                    // no marker: the committer handed the batch over, SurrealDB's half comes first
                    // (one transaction with its marker, so a repeat does only what is left)
                    marker = surreal.markers().read(committable.id()).orElse(null);
                    if (marker == null) {
                        marker = surreal.commit(committable);
                    }
                    handover.done(committable.id());
                }
                List<ChangeOutcome> outcomes;
                if (marker.status() == CommitMarker.Status.DONE) {
                    outcomes = marker.outcomes();
                } else {
                    CommitFaults.at(CommitFaults.Step.AFTER_SURREALDB);
                    outcomes = qdrant.apply(committable, marker);
                    surreal.markers().finish(committable.id(), outcomes, clock.instant());
                    count(outcomes, committable);
                }
                CommitFaults.at(CommitFaults.Step.BEFORE_EVENTS);
                for (SyncEvent event : CommitEvents.finals(committable, outcomes, clock.instant())) {
                    output.collect(new StreamRecord<>(event));
                }
                return true;
            } catch (QdrantCommit.QdrantUnavailableException | SurrealException e) {
                if (e instanceof SurrealException && !SurrealFailures.TRANSIENT.isTransient(e)
                        && !SurrealFailures.isTransactionConflict((SurrealException) e)) {
                    throw e;
                }
                attempt++;
                retries.inc();
                long wait = backoff.delayMillis(attempt);
                if (clock.millis() + wait > deadline) {
                    failedRounds++;
                    LOG.warn("Qdrant stage: {} waits for {} (round {}): {}", committable,
                            marker == null ? "SurrealDB" : "Qdrant", failedRounds, e.getMessage());
                    List<SyncEvent> waiting = marker != null
                            ? CommitEvents.retrying(committable, marker.outcomes(), failedRounds, e.getMessage(), clock.instant())
                            : CommitEvents.retryingSurreal(committable, failedRounds, e.getMessage(), clock.instant());
                    for (SyncEvent event : waiting) {
                        output.collect(new StreamRecord<>(event));
                    }
                    return false;
                }
                sleep(wait);
            }
        }
    }

    private void count(List<ChangeOutcome> outcomes, DualWriteCommittable committable) {
        long now = clock.millis();
        for (int i = 0; i < outcomes.size(); i++) {
            switch (outcomes.get(i).kind()) {
                case APPLIED:
                    synced.inc();
                    break;
                case CONFLICT:
                    conflicts.inc();
                    break;
                case COMPENSATED:
                    compensations.inc();
                    break;
                default:
                    failed.inc();
            }
            commitLatency.update(now - committable.changes().get(i).ingestMillis());
        }
    }

    /** Finished markers and tombstones older than the retention are removed by the first subtask, hourly. */
    private void cleanUpNowAndThen() {
        if (getRuntimeContext().getTaskInfo().getIndexOfThisSubtask() != 0 || clock.millis() < nextCleanupMillis) {
            return;
        }
        nextCleanupMillis = clock.millis() + CLEANUP_EVERY_MILLIS;
        try {
            surreal.markers().removeFinishedBefore(clock.instant().minus(settings.markerRetention()));
            surreal.removeTombstonesBefore(clock.instant().minus(settings.markerRetention()));
        } catch (SurrealException e) {
            LOG.warn("could not remove old commit markers now: {}", e.getMessage());
        }
    }

    private void schedule(long delayMillis) {
        retryScheduled = true;
        getProcessingTimeService().registerTimer(getProcessingTimeService().getCurrentProcessingTime() + delayMillis, this);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry Qdrant", e);
        }
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        super.snapshotState(context);
        List<byte[]> entries = new ArrayList<>(queue.size());
        for (DualWriteCommittable committable : queue) {
            entries.add(SimpleVersionedSerialization.writeVersionAndSerialize(serializer, committable));
        }
        queueState.update(entries);
        handedOverState.update(new ArrayList<>(handover.ids()));
    }

    @Override
    public void close() throws Exception {
        IOUtils.closeAllQuietly(qdrantConnection, surrealClient);
        super.close();
    }
}
