package io.cortexsync.connector.surrealdb.source.reader;

import io.cortexsync.connector.surrealdb.source.SurrealRecordDeserializer;
import io.cortexsync.connector.surrealdb.source.SurrealSourceConfig;
import io.cortexsync.connector.surrealdb.source.changes.Versionstamps;
import io.cortexsync.connector.surrealdb.source.event.ChunkFinishedAckEvent;
import io.cortexsync.connector.surrealdb.source.event.ChunkFinishedReportEvent;
import io.cortexsync.connector.surrealdb.source.event.ChunkStartedEvent;
import io.cortexsync.connector.surrealdb.source.event.PositionExpiredEvent;
import io.cortexsync.connector.surrealdb.source.split.SnapshotSplit;
import io.cortexsync.connector.surrealdb.source.split.SnapshotSplitState;
import io.cortexsync.connector.surrealdb.source.split.StreamSplitState;
import io.cortexsync.connector.surrealdb.source.split.SurrealSplit;
import io.cortexsync.connector.surrealdb.source.split.SurrealSplitState;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.source.reader.SingleThreadMultiplexSourceReaderBase;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The SurrealSource's reader: asks the enumerator for a split whenever it has none, reads chunks
 * and the change stream in one fetcher thread, and keeps finished chunks (with their high
 * watermarks) in its state until the enumerator acknowledges them, so no report is lost in a
 * failover.
 */
@Internal
public final class SurrealSourceReader<T>
        extends SingleThreadMultiplexSourceReaderBase<ReadRecord, T, SurrealSplit, SurrealSplitState> {

    /**
     * Splits a reader asks to hold at once: the next chunk is assigned while one is read, so the
     * fetcher goes on to it at once instead of waiting until the chunk has been emitted and a split
     * request has gone to the enumerator and back. With one split in hand, reading and processing
     * took turns and the engine sat idle between chunks.
     */
    static final int SPLITS_IN_HAND = 2;

    /** The lag gauge's value while the reader holds no stream split. */
    public static final long UNDEFINED_LAG = -1L;

    private final ReaderShared shared;
    private final SurrealSourceConfig config;
    private final Map<String, SnapshotSplit> finishedUnacked = new LinkedHashMap<>();
    private boolean splitRequested;
    private boolean started;

    private SurrealSourceReader(
            SurrealSourceConfig config,
            SurrealRecordDeserializer<T> deserializer,
            SourceReaderContext context,
            ReaderShared shared,
            String heartbeatKey) {
        super(
                () -> new SurrealSplitReader(config, heartbeatKey, shared,
                        context.metricGroup().getIOMetricGroup().getNumBytesInCounter()),
                new SurrealRecordEmitter<>(deserializer, context.metricGroup().getIOMetricGroup().getNumRecordsInCounter()),
                new Configuration(),
                context);
        this.shared = shared;
        this.config = config;
        if (config.readsChanges()) {
            context.metricGroup().gauge("currentVersionstampLagMs", this::lagMillis);
        }
    }

    public static <T> SurrealSourceReader<T> create(
            SurrealSourceConfig config, SurrealRecordDeserializer<T> deserializer, SourceReaderContext context) {
        return new SurrealSourceReader<>(config, deserializer, context, new ReaderShared(),
                heartbeatKey(context.getIndexOfSubtask()));
    }

    /**
     * The heartbeat record of a subtask: the same across restarts, so the heartbeat table holds one
     * record per subtask however often the job restarts. Two attempts of one subtask may write it
     * at once; each finds its own write in the feed by its nonce.
     */
    static String heartbeatKey(int subtask) {
        return "reader-" + subtask;
    }

    @Override
    public void start() {
        started = true;
        requestSplitIfShort();
    }

    /**
     * Asks for one more split while fewer than {@link #SPLITS_IN_HAND} are being read and none is
     * asked for. Not before {@link #start()}: restored splits are added before the reader has
     * registered with the enumerator, which would set such a request aside.
     */
    private void requestSplitIfShort() {
        if (started && !splitRequested && getNumberOfCurrentlyAssignedSplits() < SPLITS_IN_HAND) {
            splitRequested = true;
            context.sendSplitRequest();
        }
    }

    @Override
    public void addSplits(List<SurrealSplit> splits) {
        // an assignment answers the request; restored splits come without one, which a second request only repeats
        splitRequested = false;
        List<SurrealSplit> toRead = new ArrayList<>(splits.size());
        Map<String, Long> reports = new LinkedHashMap<>();
        for (SurrealSplit split : splits) {
            if (split.isSnapshot() && split.asSnapshot().isFinished()) {
                // restored from a checkpoint taken before the enumerator acknowledged it
                SnapshotSplit finished = split.asSnapshot();
                finishedUnacked.put(finished.splitId(), finished);
                reports.put(finished.splitId(), finished.highWatermark().get());
            } else {
                if (split.isSnapshot()) {
                    context.sendSourceEventToCoordinator(new ChunkStartedEvent(split.splitId()));
                }
                toRead.add(split);
            }
        }
        if (!reports.isEmpty()) {
            context.sendSourceEventToCoordinator(new ChunkFinishedReportEvent(reports));
        }
        if (!toRead.isEmpty()) {
            super.addSplits(toRead);
        }
        if (toRead.stream().allMatch(SurrealSplit::isSnapshot)) {
            requestSplitIfShort();
        }
    }

    @Override
    public List<SurrealSplit> snapshotState(long checkpointId) {
        List<SurrealSplit> state = new ArrayList<>(super.snapshotState(checkpointId));
        state.addAll(finishedUnacked.values());
        return state;
    }

    @Override
    public void handleSourceEvents(SourceEvent event) {
        if (event instanceof ChunkFinishedAckEvent) {
            ((ChunkFinishedAckEvent) event).splitIds().forEach(finishedUnacked::remove);
        } else {
            super.handleSourceEvents(event);
        }
    }

    @Override
    protected void onSplitFinished(Map<String, SurrealSplitState> finishedSplitIds) {
        Map<String, Long> reports = new LinkedHashMap<>();
        for (SurrealSplitState state : finishedSplitIds.values()) {
            if (state instanceof SnapshotSplitState) {
                SnapshotSplitState chunk = (SnapshotSplitState) state;
                Long high = shared.takeChunkHigh(chunk.split().splitId());
                chunk.finishedAt(high == null ? 0L : high);
                SnapshotSplit finished = chunk.toSurrealSplit();
                if (config.readsChanges()) {
                    // kept until acknowledged: the stream's start needs every chunk's report
                    finishedUnacked.put(finished.splitId(), finished);
                }
                reports.put(finished.splitId(), finished.highWatermark().get());
            } else {
                context.sendSourceEventToCoordinator(new PositionExpiredEvent(shared.takeExpiry()));
            }
        }
        if (!reports.isEmpty()) {
            context.sendSourceEventToCoordinator(new ChunkFinishedReportEvent(reports));
        }
        requestSplitIfShort();
    }

    @Override
    protected SurrealSplitState initializedState(SurrealSplit split) {
        SurrealSplitState state = SurrealSplitState.of(split);
        if (state instanceof StreamSplitState) {
            shared.streamStarted((StreamSplitState) state);
        }
        return state;
    }

    @Override
    protected SurrealSplit toSplitType(String splitId, SurrealSplitState state) {
        return state.toSurrealSplit();
    }

    /**
     * How far the change stream's position is behind the clock; {@link #UNDEFINED_LAG} while this
     * reader holds no stream split (as Flink CDC's readers report an undefined fetch lag), so a
     * reader that only reads chunks never looks caught up. A stream that read to the end of the
     * feed has nothing left to deliver and reports 0: its position stays at the last change, which
     * on a quiet database grows old without anything being late.
     */
    private long lagMillis() {
        long position = shared.latestPosition();
        if (position < 0) {
            return UNDEFINED_LAG;
        }
        return shared.caughtUp() ? 0L : Math.max(0L, config.clock().getAsLong() - Versionstamps.millisOf(position));
    }
}
