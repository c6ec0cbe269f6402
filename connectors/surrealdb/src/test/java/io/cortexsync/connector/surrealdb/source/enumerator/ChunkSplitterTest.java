package io.cortexsync.connector.surrealdb.source.enumerator;

import io.cortexsync.connector.surrealdb.client.SurrealRange.Bound;
import io.cortexsync.connector.surrealdb.source.split.KeyRange;
import io.cortexsync.connector.surrealdb.source.split.SnapshotSplit;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class ChunkSplitterTest {

    @Test
    void noBoundaryGivesOneOpenChunk() {
        assertThat(ChunkSplitter.splitsFor("t", List.of()))
                .containsExactly(new SnapshotSplit("t", 0, KeyRange.all()));
    }

    @Test
    void stringBoundariesGiveHalfOpenChunksWithOpenEnds() {
        List<SnapshotSplit> splits = ChunkSplitter.splitsFor("t", List.of("m", "d"));
        assertThat(splits).containsExactly(
                new SnapshotSplit("t", 0, new KeyRange(Bound.unbounded(), Bound.exclusive("d"))),
                new SnapshotSplit("t", 1, new KeyRange(Bound.inclusive("d"), Bound.exclusive("m"))),
                new SnapshotSplit("t", 2, new KeyRange(Bound.inclusive("m"), Bound.unbounded())));
    }

    @Test
    void integerBoundariesAreOrderedNumerically() {
        List<SnapshotSplit> splits = ChunkSplitter.splitsFor("t", List.of(100L, 9L, -3L));
        assertThat(splits).extracting(s -> s.range().upper())
                .containsExactly(Bound.exclusive(-3L), Bound.exclusive(9L), Bound.exclusive(100L), Bound.unbounded());
    }

    @Test
    void repeatedBoundariesFromConcurrentDeletesCollapse() {
        assertThat(ChunkSplitter.splitsFor("t", List.of("b", "b", "a"))).hasSize(3);
    }

    @Test
    void everyKeyOfEveryTypeFallsInExactlyOneChunk() {
        UUID low = UUID.fromString("00000000-0000-0000-0000-000000000001");
        UUID high = UUID.fromString("ffffffff-0000-0000-0000-000000000000");
        List<Object> keys = List.of(-5L, 0L, 42L, "", "10", "a b", "a⟩b", "x; DELETE code", "日本", "😀",
                low, high, List.of(1L, 2L), Map.of("a", 1L));
        for (List<Object> boundaries : List.<List<Object>>of(
                List.of(42L, "a⟩b", high), List.of("", low), List.of(0L), List.of("😀", List.of(1L, 2L)))) {
            List<SnapshotSplit> splits = ChunkSplitter.splitsFor("t", boundaries);
            for (Object key : keys) {
                List<Integer> holders = new ArrayList<>();
                for (SnapshotSplit split : splits) {
                    if (split.range().contains(key)) {
                        holders.add(split.chunkIndex());
                    }
                }
                assertThat(holders).as("chunks holding %s with boundaries %s", key, boundaries).hasSize(1);
            }
        }
    }

    @Test
    void chunkSizeGrowsForHugeTables() {
        assertThat(ChunkSplitter.effectiveChunkSize(100_000, 1000)).isEqualTo(1000);
        assertThat(ChunkSplitter.effectiveChunkSize(10_000_000, 1000)).isEqualTo(5000);
        assertThat(ChunkSplitter.effectiveChunkSize(0, 1000)).isEqualTo(1000);
    }
}
