package io.cortexsync.connector.qdrant.source.enumerator;

import io.cortexsync.connector.qdrant.source.split.QdrantSplit;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.connector.source.SplitsAssignment;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * Hands the point-id ranges to readers as they ask, so fast readers take more; signals the end
 * once none is left. The ranges are computed, not read, so it makes no calls.
 *
 * <p>A request takes a share of what is left (a quarter of an even share per reader, at least
 * one range), so a collection of many small ranges costs few round trips, and the last ranges
 * still go one by one to whichever reader is free.
 */
@Internal
public final class QdrantSourceEnumerator implements SplitEnumerator<QdrantSplit, QdrantEnumeratorState> {

    private final SplitEnumeratorContext<QdrantSplit> context;
    private final Deque<QdrantSplit> unassigned;

    public QdrantSourceEnumerator(SplitEnumeratorContext<QdrantSplit> context, QdrantEnumeratorState state) {
        this.context = context;
        this.unassigned = new ArrayDeque<>(state.unassigned());
        context.metricGroup().gauge("unassignedSplits", this.unassigned::size);
    }

    @Override
    public void start() {}

    @Override
    public void handleSplitRequest(int subtaskId, String requesterHostname) {
        if (!context.registeredReaders().containsKey(subtaskId)) {
            return;
        }
        if (unassigned.isEmpty()) {
            context.signalNoMoreSplits(subtaskId);
            return;
        }
        int share = Math.max(1, unassigned.size() / (4 * Math.max(1, context.currentParallelism())));
        List<QdrantSplit> batch = new ArrayList<>(share);
        for (int i = 0; i < share; i++) {
            batch.add(unassigned.poll());
        }
        context.assignSplits(new SplitsAssignment<>(Map.of(subtaskId, batch)));
    }

    /** Splits of a failed reader go back to the front with the progress they had at the last checkpoint. */
    @Override
    public void addSplitsBack(List<QdrantSplit> splits, int subtaskId) {
        List<QdrantSplit> reversed = new ArrayList<>(splits);
        java.util.Collections.reverse(reversed);
        reversed.forEach(unassigned::addFirst);
    }

    @Override
    public void addReader(int subtaskId) {
        // readers ask for splits themselves
    }

    @Override
    public QdrantEnumeratorState snapshotState(long checkpointId) {
        return new QdrantEnumeratorState(new ArrayList<>(unassigned));
    }

    @Override
    public void close() {}
}
