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
    void chunksEndAtThePieceBoundariesNearestToTheirShare() {
        List<ChunkSplitter.Piece> pieces = new ArrayList<>();
        long[] counts = {40, 30, 30, 45, 5, 50, 0, 50, 50};
        // empty pieces first, as when a table has no integer keys: they do not hold the first end back
        List<ChunkSplitter.Piece> leadingEmpty = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            leadingEmpty.add(new ChunkSplitter.Piece(KeyClass.INTEGER,
                    new KeyRange(i == 0 ? Bound.unbounded() : Bound.inclusive((long) i), Bound.exclusive(i + 1L)),
                    i < 4 ? 0 : 100));
        }
        assertThat(ChunkSplitter.boundaries(leadingEmpty, 100)).containsExactly(5L);
        for (int i = 0; i < counts.length; i++) {
            pieces.add(new ChunkSplitter.Piece(KeyClass.INTEGER,
                    new KeyRange(i == 0 ? Bound.unbounded() : Bound.inclusive(i * 10L), Bound.exclusive(i * 10L + 10)),
                    counts[i]));
        }
        // 300 records in chunks of 100: ideal ends at 100 and 200, where pieces 3 and 6 (empty) and 7 start
        assertThat(ChunkSplitter.boundaries(pieces, 100)).containsExactly(30L, 70L);
        // also 3 chunks of 120: the same ends
        assertThat(ChunkSplitter.boundaries(pieces, 120)).containsExactly(30L, 70L);
        assertThat(ChunkSplitter.boundaries(pieces, 300)).isEmpty();
        // one chunk per piece at most, in order, never the first piece's open start; the empty piece joins the one before
        assertThat(ChunkSplitter.boundaries(pieces, 1)).containsExactly(10L, 20L, 30L, 40L, 50L, 70L, 80L);
    }

    @Test
    void chunkSizeGrowsForHugeTables() {
        assertThat(ChunkSplitter.effectiveChunkSize(100_000, 1000)).isEqualTo(1000);
        assertThat(ChunkSplitter.effectiveChunkSize(10_000_000, 1000)).isEqualTo(5000);
        assertThat(ChunkSplitter.effectiveChunkSize(0, 1000)).isEqualTo(1000);
    }
}
