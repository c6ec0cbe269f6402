package io.cortexsync.connector.qdrant.source.enumerator;

import io.cortexsync.connector.qdrant.source.QdrantPointId;
import io.cortexsync.connector.qdrant.source.split.QdrantSplit;

import org.apache.flink.api.connector.source.ReaderInfo;
import org.apache.flink.api.connector.source.SplitsAssignment;
import org.apache.flink.api.connector.source.mocks.MockSplitEnumeratorContext;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Assignment on request, splits coming back with their progress, and the end signal. */
class QdrantSourceEnumeratorTest {

    @Test
    void assignsEveryRangeOnceOnRequestAndThenSignalsTheEnd() throws Exception {
        try (MockSplitEnumeratorContext<QdrantSplit> context = new MockSplitEnumeratorContext<>(2)) {
            context.registerReader(new ReaderInfo(0, "h"));
            context.registerReader(new ReaderInfo(1, "h"));
            QdrantSourceEnumerator enumerator = new QdrantSourceEnumerator(context, QdrantEnumeratorState.initial(2));
            enumerator.start();

            for (int i = 0; i < 5; i++) {
                enumerator.handleSplitRequest(i % 2, "h");
            }
            assertThat(assigned(context)).containsExactlyElementsOf(QdrantSplit.all(2));
            assertThat(context.hasNoMoreSplits(0)).isFalse();
            assertThat(enumerator.snapshotState(1).unassigned()).isEmpty();

            enumerator.handleSplitRequest(1, "h");
            assertThat(context.hasNoMoreSplits(1)).isTrue();
            assertThat(context.hasNoMoreSplits(0)).isFalse();
        }
    }

    @Test
    void manyRangesGoOutInShrinkingBatchesEachExactlyOnce() throws Exception {
        try (MockSplitEnumeratorContext<QdrantSplit> context = new MockSplitEnumeratorContext<>(2)) {
            context.registerReader(new ReaderInfo(0, "h"));
            context.registerReader(new ReaderInfo(1, "h"));
            QdrantSourceEnumerator enumerator = new QdrantSourceEnumerator(context, QdrantEnumeratorState.initial(8));

            List<Integer> batchSizes = new ArrayList<>();
            for (int request = 0; !context.hasNoMoreSplits(request % 2) && request < 1_000; request++) {
                int before = assigned(context).size();
                enumerator.handleSplitRequest(request % 2, "h");
                batchSizes.add(assigned(context).size() - before);
            }
            assertThat(assigned(context)).containsExactlyElementsOf(QdrantSplit.all(8));
            assertThat(batchSizes.get(0)).isEqualTo(257 / 8);
            assertThat(batchSizes).isSortedAccordingTo(java.util.Comparator.reverseOrder());
            assertThat(batchSizes.size()).as("requests for 257 ranges").isLessThan(60);
            // the two last requests get the end signal; before them, the last ranges go one by one
            assertThat(batchSizes.subList(batchSizes.size() - 2, batchSizes.size())).containsOnly(0);
            assertThat(batchSizes.subList(batchSizes.size() - 10, batchSizes.size() - 2)).containsOnly(1);
        }
    }

    @Test
    void splitsGivenBackAreAssignedNextWithTheirProgress() throws Exception {
        try (MockSplitEnumeratorContext<QdrantSplit> context = new MockSplitEnumeratorContext<>(1)) {
            context.registerReader(new ReaderInfo(0, "h"));
            QdrantSourceEnumerator enumerator = new QdrantSourceEnumerator(context, QdrantEnumeratorState.initial(1));
            QdrantSplit resumed = QdrantSplit.numericIds(1).withNextOffset(QdrantPointId.number(7));

            enumerator.handleSplitRequest(0, "h");
            enumerator.addSplitsBack(List.of(resumed), 0);
            assertThat(enumerator.snapshotState(1).unassigned())
                    .containsExactly(resumed, QdrantSplit.partition(1, 0), QdrantSplit.partition(1, 1));
            enumerator.handleSplitRequest(0, "h");
            assertThat(assigned(context)).containsExactly(QdrantSplit.numericIds(1), resumed);
        }
    }

    private static List<QdrantSplit> assigned(MockSplitEnumeratorContext<QdrantSplit> context) {
        List<QdrantSplit> all = new ArrayList<>();
        for (SplitsAssignment<QdrantSplit> assignment : context.getSplitsAssignmentSequence()) {
            assignment.assignment().values().forEach(all::addAll);
        }
        return all;
    }
}
