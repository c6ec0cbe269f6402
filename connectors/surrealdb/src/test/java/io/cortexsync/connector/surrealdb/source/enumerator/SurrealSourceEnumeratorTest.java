package io.cortexsync.connector.surrealdb.source.enumerator;

import io.cortexsync.connector.surrealdb.client.SurrealConnectionConfig;
import io.cortexsync.connector.surrealdb.client.SurrealRange.Bound;
import io.cortexsync.connector.surrealdb.source.StartingMode;
import io.cortexsync.connector.surrealdb.source.SurrealRecordDeserializer;
import io.cortexsync.connector.surrealdb.source.SurrealSource;
import io.cortexsync.connector.surrealdb.source.SurrealSourceBuilder;
import io.cortexsync.connector.surrealdb.source.SurrealSourceConfig;
import io.cortexsync.connector.surrealdb.source.event.ChunkFinishedAckEvent;
import io.cortexsync.connector.surrealdb.source.event.ChunkFinishedReportEvent;
import io.cortexsync.connector.surrealdb.source.event.ChunkStartedEvent;
import io.cortexsync.connector.surrealdb.source.event.PositionExpiredEvent;
import io.cortexsync.connector.surrealdb.source.record.SurrealChange;
import io.cortexsync.connector.surrealdb.source.split.ChunkWatermark;
import io.cortexsync.connector.surrealdb.source.split.KeyRange;
import io.cortexsync.connector.surrealdb.source.split.SnapshotSplit;
import io.cortexsync.connector.surrealdb.source.split.StreamSplit;
import io.cortexsync.connector.surrealdb.source.split.SurrealSplit;

import org.apache.flink.api.connector.source.ReaderInfo;
import org.apache.flink.api.connector.source.SplitsAssignment;
import org.apache.flink.api.connector.source.mocks.MockSplitEnumeratorContext;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Assignment, requeueing and the handover to the stream, on restored state (no database calls). */
class SurrealSourceEnumeratorTest {

    private static final SnapshotSplit FIRST = new SnapshotSplit("t", 0, new KeyRange(Bound.unbounded(), Bound.exclusive("m")));
    private static final SnapshotSplit SECOND = new SnapshotSplit("t", 1, new KeyRange(Bound.inclusive("m"), Bound.unbounded()));

    private static SurrealSourceConfig config(StartingMode mode) {
        SurrealSourceBuilder<SurrealChange> builder = SurrealSource.<SurrealChange>builder()
                .setConnectionConfig(SurrealConnectionConfig.builder().url("http://127.0.0.1:1").namespace("n").database("d").build())
                .setTables("t")
                .setStartingMode(mode)
                .setDeserializer(SurrealRecordDeserializer.changes());
        if (mode == StartingMode.CHANGES_FROM_VERSIONSTAMP) {
            builder.setStartingVersionstamp(5L);
        }
        return builder.build().config();
    }

    private static SurrealSourceEnumerator enumerator(
            MockSplitEnumeratorContext<SurrealSplit> context, StartingMode mode, List<SurrealSplit> unassigned) {
        SurrealSourceEnumerator enumerator = new SurrealSourceEnumerator(context, config(mode),
                new SurrealEnumeratorState(true, List.of(FIRST, SECOND), unassigned, Map.of(), false));
        enumerator.start();
        return enumerator;
    }

    @Test
    void assignsOnRequestRequeuesWhatComesBackAndThenSignalsTheEnd() throws Exception {
        try (MockSplitEnumeratorContext<SurrealSplit> context = new MockSplitEnumeratorContext<>(2)) {
            context.registerReader(new ReaderInfo(0, "h"));
            context.registerReader(new ReaderInfo(1, "h"));
            SurrealSourceEnumerator enumerator = enumerator(context, StartingMode.SNAPSHOT_ONLY, List.of(FIRST, SECOND));

            enumerator.handleSplitRequest(0, "h");
            assertThat(assigned(context)).containsExactly(FIRST);
            enumerator.addSplitsBack(List.of(FIRST.withProgress("c", null)), 0);
            enumerator.handleSplitRequest(1, "h");
            enumerator.handleSplitRequest(0, "h");
            assertThat(assigned(context)).containsExactly(FIRST, FIRST, SECOND);
            assertThat(context.hasNoMoreSplits(0)).isFalse();

            enumerator.handleSplitRequest(0, "h");
            assertThat(context.hasNoMoreSplits(0)).isTrue();
            assertThat(enumerator.snapshotState(1).unassigned()).isEmpty();
        }
    }

    @Test
    void aRequestFromAReaderNotYetRegisteredIsAnsweredWhenItRegisters() throws Exception {
        try (MockSplitEnumeratorContext<SurrealSplit> context = new MockSplitEnumeratorContext<>(2)) {
            SurrealSourceEnumerator enumerator = enumerator(context, StartingMode.SNAPSHOT_ONLY, List.of(FIRST));
            enumerator.handleSplitRequest(0, "h");
            assertThat(assigned(context)).isEmpty();

            context.registerReader(new ReaderInfo(0, "h"));
            enumerator.addReader(0);
            assertThat(assigned(context)).containsExactly(FIRST);
        }
    }

    @Test
    void aSnapshotOnlySourceSendsNoAcknowledgementsThatCouldReachAnEndedReader() throws Exception {
        try (MockSplitEnumeratorContext<SurrealSplit> context = new MockSplitEnumeratorContext<>(2)) {
            context.registerReader(new ReaderInfo(0, "h"));
            SurrealSourceEnumerator enumerator = enumerator(context, StartingMode.SNAPSHOT_ONLY, List.of());
            enumerator.snapshotState(1);
            enumerator.handleSourceEvent(0, new ChunkFinishedReportEvent(Map.of(FIRST.splitId(), 20L)));
            enumerator.snapshotState(2);
            enumerator.notifyCheckpointComplete(2);
            assertThat(context.getSentSourceEvent()).isEmpty();
        }
    }

    @Test
    void theStreamStartsAtTheSmallestHighWatermarkOnceEveryChunkIsCheckpointed() throws Exception {
        try (MockSplitEnumeratorContext<SurrealSplit> context = new MockSplitEnumeratorContext<>(2)) {
            context.registerReader(new ReaderInfo(0, "h"));
            context.registerReader(new ReaderInfo(1, "h"));
            SurrealSourceEnumerator enumerator = enumerator(context, StartingMode.SNAPSHOT_THEN_CHANGES, List.of());
            enumerator.snapshotState(1);
            enumerator.handleSplitRequest(1, "h");

            enumerator.handleSourceEvent(0, new ChunkFinishedReportEvent(Map.of(FIRST.splitId(), 20L)));
            enumerator.handleSourceEvent(1, new ChunkFinishedReportEvent(Map.of(SECOND.splitId(), 10L)));
            // a reader restored from an older checkpoint reads the first chunk again
            enumerator.handleSourceEvent(0, new ChunkStartedEvent(FIRST.splitId()));
            enumerator.handleSourceEvent(0, new ChunkFinishedReportEvent(Map.of(FIRST.splitId(), 30L)));
            enumerator.notifyCheckpointComplete(1);
            assertThat(assigned(context)).as("no stream before a checkpoint holds every report").isEmpty();

            enumerator.snapshotState(2);
            enumerator.notifyCheckpointComplete(2);
            assertThat(assigned(context)).containsExactly(new StreamSplit(10L, 0, List.of(
                    new ChunkWatermark("t", FIRST.range(), 30L), new ChunkWatermark("t", SECOND.range(), 10L))));
            assertThat(context.getSentSourceEvent().get(0)).contains(new ChunkFinishedAckEvent(java.util.Set.of(FIRST.splitId())));
        }
    }

    private static SurrealSourceEnumerator checkpointed(
            MockSplitEnumeratorContext<SurrealSplit> context, StartingMode mode, SurrealEnumeratorState state, Boolean checkpointing) {
        SurrealSourceEnumerator enumerator = new SurrealSourceEnumerator(context, config(mode), state, checkpointing);
        enumerator.start();
        return enumerator;
    }

    private static SurrealEnumeratorState chunksRead(boolean resnapshotting, long startedAt) {
        return new SurrealEnumeratorState(true, List.of(FIRST, SECOND), List.of(), Map.of(), false, resnapshotting, startedAt);
    }

    /**
     * Snapshot reads of a key from one reader may still be in its buffers when another reader emits
     * the key's newer changes from the stream: the stream waits for a checkpoint taken after the last
     * report to complete, even when every chunk finished before the job's first checkpoint.
     */
    @Test
    void withCheckpointingTheStreamWaitsForACheckpointAfterTheLastReportEvenBeforeTheFirstCheckpoint() throws Exception {
        try (MockSplitEnumeratorContext<SurrealSplit> context = new MockSplitEnumeratorContext<>(2)) {
            context.registerReader(new ReaderInfo(0, "h"));
            context.registerReader(new ReaderInfo(1, "h"));
            SurrealSourceEnumerator enumerator =
                    checkpointed(context, StartingMode.SNAPSHOT_THEN_CHANGES, chunksRead(false, 1_000L), true);
            enumerator.handleSplitRequest(1, "h");
            enumerator.handleSourceEvent(0, new ChunkFinishedReportEvent(Map.of(FIRST.splitId(), 20L)));
            enumerator.handleSourceEvent(1, new ChunkFinishedReportEvent(Map.of(SECOND.splitId(), 10L)));
            assertThat(assigned(context)).as("every chunk reported, no checkpoint yet").isEmpty();
            assertThat(context.getSentSourceEvent()).as("reports are acknowledged once checkpointed").isEmpty();

            enumerator.snapshotState(1);
            assertThat(assigned(context)).as("checkpoint 1 taken, not complete").isEmpty();
            enumerator.notifyCheckpointComplete(1);
            assertThat(assigned(context)).containsExactly(new StreamSplit(10L, 0, List.of(
                    new ChunkWatermark("t", FIRST.range(), 20L), new ChunkWatermark("t", SECOND.range(), 10L)), 1_000L));
        }
    }

    @Test
    void withoutCheckpointingTheStreamIsHandedOutOnceEveryChunkIsFinished() throws Exception {
        try (MockSplitEnumeratorContext<SurrealSplit> context = new MockSplitEnumeratorContext<>(2)) {
            context.registerReader(new ReaderInfo(0, "h"));
            SurrealSourceEnumerator enumerator =
                    checkpointed(context, StartingMode.SNAPSHOT_THEN_CHANGES, chunksRead(false, 1_000L), false);
            enumerator.handleSplitRequest(0, "h");
            enumerator.handleSourceEvent(0, new ChunkFinishedReportEvent(Map.of(FIRST.splitId(), 20L, SECOND.splitId(), 30L)));
            assertThat(assigned(context)).extracting(split -> split.asStream().position()).containsExactly(20L);
        }
    }

    /**
     * From a changes mode an expired position reads the tables again: neither a jump to "now" (which
     * drops the changes missed) nor a restart at the configured position (which expires again).
     */
    @Test
    void anExpiredPositionInAChangesModeReadsTheTablesAgainAndTheStreamFollowsTheSnapshot() throws Exception {
        for (StartingMode mode : List.of(StartingMode.CHANGES_FROM_NOW, StartingMode.CHANGES_FROM_VERSIONSTAMP)) {
            try (MockSplitEnumeratorContext<SurrealSplit> context = new MockSplitEnumeratorContext<>(2)) {
                context.registerReader(new ReaderInfo(0, "h"));
                SurrealSourceEnumerator following = checkpointed(context, mode,
                        new SurrealEnumeratorState(false, List.of(), List.of(), Map.of(), true), true);
                long before = System.currentTimeMillis();
                following.handleSourceEvent(0, new PositionExpiredEvent("expired"));
                SurrealEnumeratorState resnapshot = following.snapshotState(1);
                assertThat(resnapshot.resnapshotting()).as(mode.name()).isTrue();
                assertThat(resnapshot.streamCreated()).isFalse();
                assertThat(resnapshot.unassigned()).isEmpty();
                assertThat(resnapshot.snapshotStartedAt()).isBetween(before, System.currentTimeMillis());
                assertThat(context.getOneTimeCallables()).as("the tables are being cut").hasSize(1);
            }
            try (MockSplitEnumeratorContext<SurrealSplit> context = new MockSplitEnumeratorContext<>(2)) {
                context.registerReader(new ReaderInfo(0, "h"));
                SurrealSourceEnumerator cut = checkpointed(context, mode, chunksRead(true, 1_000L), true);
                assertThat(context.getOneTimeCallables()).as("cut already: no new stream start, no second cut").isEmpty();
                cut.handleSplitRequest(0, "h");
                cut.handleSourceEvent(0, new ChunkFinishedReportEvent(Map.of(FIRST.splitId(), 40L, SECOND.splitId(), 30L)));
                cut.snapshotState(2);
                cut.notifyCheckpointComplete(2);
                assertThat(assigned(context)).as(mode.name()).containsExactly(new StreamSplit(30L, 0, List.of(
                        new ChunkWatermark("t", FIRST.range(), 40L), new ChunkWatermark("t", SECOND.range(), 30L)), 1_000L));
                assertThat(cut.snapshotState(3).resnapshotting()).isFalse();
            }
        }
    }

    private static List<SurrealSplit> assigned(MockSplitEnumeratorContext<SurrealSplit> context) {
        List<SurrealSplit> all = new ArrayList<>();
        for (SplitsAssignment<SurrealSplit> assignment : context.getSplitsAssignmentSequence()) {
            assignment.assignment().values().forEach(all::addAll);
        }
        return all;
    }
}
