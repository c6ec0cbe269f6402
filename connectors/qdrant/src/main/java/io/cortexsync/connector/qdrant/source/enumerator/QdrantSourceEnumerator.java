package io.cortexsync.connector.qdrant.source.enumerator;

import io.cortexsync.connector.qdrant.source.split.QdrantSplit;

import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Hands the point-id ranges to readers one at a time, as they ask, so fast readers take more;
 * signals the end once none is left. The ranges are computed, not read, so it makes no calls.
 */
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
        QdrantSplit next = unassigned.poll();
        if (next != null) {
            context.assignSplit(next, subtaskId);
        } else {
            context.signalNoMoreSplits(subtaskId);
        }
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
