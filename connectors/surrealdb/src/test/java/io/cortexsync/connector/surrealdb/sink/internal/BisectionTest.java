package io.cortexsync.connector.surrealdb.sink.internal;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BisectionTest {

    /** Commits a list only when it holds none of the bad items, as a transaction would. */
    private static final class FakeStore implements Bisection.Transaction<Integer> {
        final Set<Integer> bad;
        final List<Integer> committed = new ArrayList<>();
        final Map<Integer, String> rejected = new LinkedHashMap<>();
        int transactions;

        FakeStore(Set<Integer> bad) {
            this.bad = bad;
        }

        @Override
        public void write(List<Integer> items) throws WriteRejectedException {
            transactions++;
            for (Integer item : items) {
                if (bad.contains(item)) {
                    throw new WriteRejectedException("item " + item + " is bad");
                }
            }
            committed.addAll(items);
        }

        /** Writes {@code items} as the batch writer does: whole first, in halves when rejected. */
        void writeBatch(List<Integer> items) throws Exception {
            try {
                write(items);
            } catch (WriteRejectedException rejection) {
                Bisection.writeAround(items, rejection, this,
                        (item, reason) -> assertThat(rejected.put(item, reason.serverMessage())).isNull());
            }
        }
    }

    private static List<Integer> range(int n) {
        return IntStream.range(0, n).boxed().collect(Collectors.toList());
    }

    @Test
    void everyGoodItemIsWrittenOnceInOrderAndEveryBadOneIsReportedOnceWithItsReason() throws Exception {
        FakeStore store = new FakeStore(Set.of(3, 101, 188));

        store.writeBatch(range(200));

        List<Integer> good = range(200);
        good.removeAll(Set.of(3, 101, 188));
        assertThat(store.committed).containsExactlyElementsOf(good);
        assertThat(store.rejected).containsExactly(
                Map.entry(3, "item 3 is bad"), Map.entry(101, "item 101 is bad"), Map.entry(188, "item 188 is bad"));
        // 2 k log2(n) bounds it: 3 bad among 200 take far fewer transactions than 200 single ones
        assertThat(store.transactions).isLessThanOrEqualTo(1 + 2 * 3 * 8);
    }

    @Test
    void aBatchWithoutBadItemsIsOneTransaction() throws Exception {
        FakeStore store = new FakeStore(Set.of());

        store.writeBatch(range(50));

        assertThat(store.committed).isEqualTo(range(50));
        assertThat(store.rejected).isEmpty();
        assertThat(store.transactions).isEqualTo(1);
    }

    @Test
    void aSingleBadItemAloneIsReportedWithoutFurtherTransactions() throws Exception {
        FakeStore store = new FakeStore(Set.of(0));

        store.writeBatch(List.of(0));

        assertThat(store.committed).isEmpty();
        assertThat(store.rejected).containsOnlyKeys(0);
        assertThat(store.transactions).isEqualTo(1);
    }

    @Test
    void whenEveryItemIsBadEachIsReportedAndNothingIsWritten() throws Exception {
        FakeStore store = new FakeStore(Set.copyOf(range(16)));

        store.writeBatch(range(16));

        assertThat(store.committed).isEmpty();
        assertThat(store.rejected.keySet()).containsExactlyElementsOf(range(16));
        assertThat(store.transactions).isEqualTo(2 * 16 - 1);
    }

    @Test
    void badItemsNextToEachOtherAndAtTheEndsAreAllFound() throws Exception {
        Set<Integer> bad = Set.of(0, 1, 2, 63, 64, 127);
        FakeStore store = new FakeStore(bad);

        store.writeBatch(range(128));

        assertThat(store.rejected.keySet()).containsExactly(0, 1, 2, 63, 64, 127);
        assertThat(store.committed).hasSize(122).doesNotContainAnyElementsOf(bad).isSorted();
    }

    @Test
    void otherFailuresStopTheBisectionAndKeepWhatWasWritten() {
        List<List<Integer>> attempts = new ArrayList<>();
        Bisection.Transaction<Integer> failingLater = items -> {
            attempts.add(List.copyOf(items));
            if (items.contains(7)) {
                throw new WriteRejectedException("bad 7");
            }
            if (items.contains(12)) {
                throw new IOException("the connection broke");
            }
        };

        assertThatThrownBy(() -> Bisection.writeAround(range(16), new WriteRejectedException("bad 7"), failingLater,
                (item, reason) -> { }))
                .isInstanceOf(IOException.class).hasMessage("the connection broke");
        assertThat(attempts.get(attempts.size() - 1)).contains(12);
    }
}
