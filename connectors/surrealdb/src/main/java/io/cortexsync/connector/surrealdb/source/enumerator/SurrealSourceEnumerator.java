package io.cortexsync.connector.surrealdb.source.enumerator;

import io.cortexsync.connector.surrealdb.client.SurrealClient;
import io.cortexsync.connector.surrealdb.source.StartingMode;
import io.cortexsync.connector.surrealdb.source.SurrealSourceConfig;
import io.cortexsync.connector.surrealdb.source.changes.ChangeFeed;
import io.cortexsync.connector.surrealdb.source.event.ChunkFinishedAckEvent;
import io.cortexsync.connector.surrealdb.source.event.ChunkFinishedReportEvent;
import io.cortexsync.connector.surrealdb.source.event.ChunkStartedEvent;
import io.cortexsync.connector.surrealdb.source.event.PositionExpiredEvent;
import io.cortexsync.connector.surrealdb.source.split.ChunkWatermark;
import io.cortexsync.connector.surrealdb.source.split.SnapshotSplit;
import io.cortexsync.connector.surrealdb.source.split.StreamSplit;
import io.cortexsync.connector.surrealdb.source.split.SurrealSplit;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.util.FlinkRuntimeException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Cuts the tables into chunks, hands them to readers on request, collects each finished chunk's
 * high watermark and, once every chunk is finished and a checkpoint taken after the last report
 * has completed, creates the change stream split starting at the smallest high watermark.
 *
 * <p>The completed checkpoint also orders each key across readers: a chunk's records are emitted
 * before its report is sent, so they precede that checkpoint's barrier, and a completed aligned
 * checkpoint means every operator downstream has processed them. Only then may another reader emit
 * newer changes of the same keys from the stream. Without checkpointing the stream is handed out
 * as soon as every chunk is finished, and the order holds per reader only.
 *
 * <p>A snapshot is read at the start ({@code SNAPSHOT_*} modes) and again whenever the stream's
 * position expired and the policy is RESNAPSHOT, in every streaming mode; the stream split that
 * follows it carries the snapshot's start, for its SNAPSHOT_DONE markers. All database calls run
 * through {@link SplitEnumeratorContext#callAsync}.
 */
@Internal
public final class SurrealSourceEnumerator implements SplitEnumerator<SurrealSplit, SurrealEnumeratorState> {

    private static final Logger LOG = LoggerFactory.getLogger(SurrealSourceEnumerator.class);

    /** One heartbeat record for every enumerator: a key per start would grow the table forever. */
    static final String ENUMERATOR_HEARTBEAT_KEY = "enumerator";

    private final SplitEnumeratorContext<SurrealSplit> context;
    private final SurrealSourceConfig config;

    private boolean chunked;
    private final Map<String, SnapshotSplit> chunks = new LinkedHashMap<>();
    private final Deque<SurrealSplit> unassigned = new ArrayDeque<>();
    private final Map<String, Long> finishedHighs = new LinkedHashMap<>();
    private boolean streamCreated;
    private boolean resnapshotting;
    private long snapshotStartedAt;

    /** Whether the job checkpoints periodically; null when the runtime does not say. */
    private final Boolean checkpointingConfigured;

    private final TreeSet<Integer> waitingReaders = new TreeSet<>();
    /** Reports not yet acknowledged: split id to (reader, last checkpoint snapshotted before it arrived). */
    private final Map<String, long[]> unackedReports = new HashMap<>();
    private long lastSnapshottedCheckpoint = -1;
    private long lastCompletedCheckpoint = -1;
    private long lastReportAfterCheckpoint = -1;
    /** Chunks of a re-snapshot wait for a checkpoint after this one: the expired stream's records come first. */
    private long chunksAfterCheckpoint = Long.MIN_VALUE;
    private boolean preparing;
    private SurrealClient client;

    public SurrealSourceEnumerator(
            SplitEnumeratorContext<SurrealSplit> context, SurrealSourceConfig config, SurrealEnumeratorState state) {
        this(context, config, state, CheckpointingProbe.periodicCheckpointing(context).orElse(null));
    }

    /** With {@code checkpointingConfigured} given (null: unknown, judged by the checkpoints seen). */
    SurrealSourceEnumerator(
            SplitEnumeratorContext<SurrealSplit> context,
            SurrealSourceConfig config,
            SurrealEnumeratorState state,
            Boolean checkpointingConfigured) {
        this.context = context;
        this.config = config;
        this.chunked = state.chunked();
        state.chunks().forEach(chunk -> chunks.put(chunk.splitId(), chunk));
        unassigned.addAll(state.unassigned());
        finishedHighs.putAll(state.finishedHighs());
        this.streamCreated = state.streamCreated();
        this.resnapshotting = state.resnapshotting();
        this.snapshotStartedAt = state.snapshotStartedAt();
        this.checkpointingConfigured = checkpointingConfigured;
    }

    /** Whether a completed checkpoint will come; unknown to the runtime, whether one was seen. */
    private boolean checkpointing() {
        return checkpointingConfigured != null ? checkpointingConfigured : lastSnapshottedCheckpoint >= 0;
    }

    /** Whether the tables are (to be) read: at the start in the snapshot modes, and in a re-snapshot. */
    private boolean snapshotPhase() {
        return !streamCreated && (config.readsSnapshot() || resnapshotting);
    }

    @Override
    public void start() {
        registerProgressMetrics();
        prepare();
        maybeCreateStream();
    }

    /** Cuts the tables (snapshot modes) or finds the stream's start (change modes), once. */
    private void prepare() {
        if (preparing) {
            return;
        }
        if (snapshotPhase() && !chunked) {
            preparing = true;
            if (snapshotStartedAt == SurrealEnumeratorState.NOT_STARTED) {
                // the wall clock, which the sinks' write times are compared with; a restored cut keeps
                // the earlier start, which can only spare a record, never remove a live one
                snapshotStartedAt = System.currentTimeMillis();
            }
            context.callAsync(this::cutTables, this::onChunks);
        } else if (!snapshotPhase() && !streamCreated) {
            preparing = true;
            context.callAsync(this::streamStart, this::onStreamStart);
        }
    }

    private List<SnapshotSplit> cutTables() {
        ChunkSplitter splitter = new ChunkSplitter(config.chunkSize());
        List<SnapshotSplit> all = new ArrayList<>();
        if (config.readsChanges()) {
            new ChangeFeed(client(), List.of()).defineHeartbeatTable(config.heartbeatTable(), Duration.ofHours(1));
        }
        for (String table : config.tables()) {
            all.addAll(splitter.split(client(), table));
        }
        return all;
    }

    private void onChunks(List<SnapshotSplit> cut, Throwable error) {
        preparing = false;
        if (error != null) {
            throw new FlinkRuntimeException("could not cut the tables " + config.tables() + " into chunks", error);
        }
        cut.forEach(chunk -> chunks.put(chunk.splitId(), chunk));
        unassigned.addAll(cut);
        chunked = true;
        LOG.info("SurrealSource cut {} tables into {} chunks", config.tables().size(), cut.size());
        assignWaiting();
    }

    private Long streamStart() {
        if (config.startingMode() == StartingMode.CHANGES_FROM_VERSIONSTAMP) {
            return config.startingVersionstamp();
        }
        ChangeFeed feed = new ChangeFeed(client(), List.of());
        feed.defineHeartbeatTable(config.heartbeatTable(), Duration.ofHours(1));
        return feed.watermark(config.heartbeatTable(), ENUMERATOR_HEARTBEAT_KEY,
                config.changePageSize(), Duration.ofSeconds(30)) + 1;
    }

    private void onStreamStart(Long position, Throwable error) {
        preparing = false;
        if (error != null) {
            throw new FlinkRuntimeException("could not find where the change feed stands", error);
        }
        unassigned.add(new StreamSplit(position, 0, List.of()));
        streamCreated = true;
        assignWaiting();
    }

    @Override
    public void handleSplitRequest(int subtaskId, String requesterHostname) {
        waitingReaders.add(subtaskId);
        assignWaiting();
    }

    private void assignWaiting() {
        for (Integer reader : new ArrayList<>(waitingReaders)) {
            if (!context.registeredReaders().containsKey(reader)) {
                continue;
            }
            if (!unassigned.isEmpty() && unassigned.peek().isSnapshot() && holdsChunks()) {
                return;
            }
            SurrealSplit next = unassigned.poll();
            if (next != null) {
                context.assignSplit(next, reader);
                waitingReaders.remove(reader);
            } else if (config.startingMode() == StartingMode.SNAPSHOT_ONLY && chunked) {
                context.signalNoMoreSplits(reader);
                waitingReaders.remove(reader);
            }
        }
    }

    private boolean holdsChunks() {
        return checkpointing() && lastCompletedCheckpoint <= chunksAfterCheckpoint;
    }

    @Override
    public void addSplitsBack(List<SurrealSplit> splits, int subtaskId) {
        for (SurrealSplit split : splits) {
            if (split.isSnapshot()) {
                // assigned after the last checkpoint: whatever was reported for it is void
                finishedHighs.remove(split.splitId());
                unackedReports.remove(split.splitId());
                unassigned.addFirst(split.asSnapshot().fresh());
            } else {
                unassigned.addLast(split);
            }
        }
        assignWaiting();
    }

    @Override
    public void addReader(int subtaskId) {
        // readers ask for splits themselves; a request that came before the registration is answered now
        assignWaiting();
    }

    @Override
    public void handleSourceEvent(int subtaskId, SourceEvent event) {
        if (event instanceof ChunkFinishedReportEvent) {
            ((ChunkFinishedReportEvent) event).highWatermarks().forEach((splitId, high) -> {
                if (chunks.containsKey(splitId) && !streamCreated) {
                    finishedHighs.put(splitId, high);
                }
                unackedReports.put(splitId, new long[] {subtaskId, lastSnapshottedCheckpoint});
            });
            lastReportAfterCheckpoint = lastSnapshottedCheckpoint;
            if (!checkpointing()) {
                acknowledge(Long.MAX_VALUE);
            }
            maybeCreateStream();
        } else if (event instanceof ChunkStartedEvent) {
            String splitId = ((ChunkStartedEvent) event).splitId();
            if (!streamCreated) {
                finishedHighs.remove(splitId);
            }
        } else if (event instanceof PositionExpiredEvent) {
            LOG.warn("SurrealSource reads the tables again: {}", ((PositionExpiredEvent) event).reason());
            resnapshot();
        }
    }

    /**
     * The stream starts once a checkpoint taken after every chunk's report has completed (or at once
     * when checkpointing is off): a reader restored from an older checkpoint would read a chunk
     * again and report a newer high watermark, and the chunks' records must be through the job
     * before another reader emits newer changes of their keys.
     */
    private void maybeCreateStream() {
        if (!config.readsChanges() || !snapshotPhase() || !chunked) {
            return;
        }
        if (!finishedHighs.keySet().containsAll(chunks.keySet())) {
            return;
        }
        if (checkpointing() && lastCompletedCheckpoint <= lastReportAfterCheckpoint) {
            return;
        }
        List<ChunkWatermark> watermarks = new ArrayList<>(chunks.size());
        long start = Long.MAX_VALUE;
        for (SnapshotSplit chunk : chunks.values()) {
            long high = finishedHighs.get(chunk.splitId());
            watermarks.add(new ChunkWatermark(chunk.table(), chunk.range(), high));
            start = Math.min(start, high);
        }
        long markers = snapshotStartedAt == SurrealEnumeratorState.NOT_STARTED ? StreamSplit.NO_MARKERS : snapshotStartedAt;
        unassigned.add(new StreamSplit(start == Long.MAX_VALUE ? 0 : start, 0, watermarks, markers));
        streamCreated = true;
        resnapshotting = false;
        LOG.info("SurrealSource snapshot complete; following the change feed from versionstamp {}", start);
        assignWaiting();
    }

    /**
     * Reads the tables again, whatever the starting mode: the changes after the expired position
     * are gone, so only a snapshot can bring the job up to date, and its stream continues from the
     * snapshot's high watermarks (never from "now", which would skip the gap, nor from the
     * configured position, which would expire again).
     */
    private void resnapshot() {
        chunked = false;
        chunks.clear();
        finishedHighs.clear();
        unassigned.removeIf(split -> !split.isSnapshot());
        streamCreated = false;
        resnapshotting = true;
        snapshotStartedAt = SurrealEnumeratorState.NOT_STARTED;
        // the expired stream's last records were emitted before its report: they go through the
        // job before any chunk re-reads their keys
        chunksAfterCheckpoint = lastSnapshottedCheckpoint;
        prepare();
    }

    @Override
    public SurrealEnumeratorState snapshotState(long checkpointId) {
        lastSnapshottedCheckpoint = checkpointId;
        return new SurrealEnumeratorState(chunked, new ArrayList<>(chunks.values()), new ArrayList<>(unassigned),
                finishedHighs, streamCreated, resnapshotting, snapshotStartedAt);
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
        lastCompletedCheckpoint = Math.max(lastCompletedCheckpoint, checkpointId);
        acknowledge(checkpointId);
        maybeCreateStream();
        assignWaiting();
    }

    /** Tells readers to forget the reports that a completed checkpoint of this enumerator holds. */
    private void acknowledge(long completedCheckpoint) {
        Map<Integer, Set<String>> byReader = new HashMap<>();
        unackedReports.entrySet().removeIf(report -> {
            if (report.getValue()[1] < completedCheckpoint) {
                byReader.computeIfAbsent((int) report.getValue()[0], r -> new HashSet<>()).add(report.getKey());
                return true;
            }
            return false;
        });
        if (config.startingMode() == StartingMode.SNAPSHOT_ONLY) {
            // only the hand-over to the stream needs the reports kept; a reader that has finished
            // its last chunk may have ended, and an event sent to an ended task fails the job over
            return;
        }
        byReader.forEach((reader, ids) -> {
            if (context.registeredReaders().containsKey(reader)) {
                context.sendEventToSourceReader(reader, new ChunkFinishedAckEvent(ids));
            }
        });
    }

    private void registerProgressMetrics() {
        MetricGroup group = context.metricGroup();
        for (String table : config.tables()) {
            MetricGroup tableGroup = group.addGroup("table", table);
            tableGroup.gauge("snapshotChunksTotal", () -> countChunks(table, false));
            tableGroup.gauge("snapshotChunksFinished", () -> countChunks(table, true));
        }
    }

    private int countChunks(String table, boolean finishedOnly) {
        int count = 0;
        for (SnapshotSplit chunk : chunks.values()) {
            if (chunk.table().equals(table) && (!finishedOnly || streamCreated || finishedHighs.containsKey(chunk.splitId()))) {
                count++;
            }
        }
        return count;
    }

    private SurrealClient client() {
        if (client == null) {
            client = SurrealClient.create(config.connection());
        }
        return client;
    }

    @Override
    public void close() {
        if (client != null) {
            client.close();
        }
    }
}
