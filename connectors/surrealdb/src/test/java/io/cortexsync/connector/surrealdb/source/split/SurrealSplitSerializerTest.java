package io.cortexsync.connector.surrealdb.source.split;

import io.cortexsync.connector.surrealdb.client.SurrealRange.Bound;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SurrealSplitSerializerTest {

    private static final SurrealSplitSerializer SERIALIZER = SurrealSplitSerializer.INSTANCE;

    static SnapshotSplit restoredChunk() {
        return new SnapshotSplit("docs", 3,
                new KeyRange(Bound.inclusive("a⟩b"), Bound.exclusive(42L)), "x; DELETE code", 117676320262127617L, null);
    }

    static SnapshotSplit finishedChunk() {
        return new SnapshotSplit("docs", 4,
                new KeyRange(Bound.inclusive(UUID.fromString("00000000-0000-0000-0000-000000000001")), Bound.unbounded()),
                null, null, 117676320264093696L);
    }

    static StreamSplit stream() {
        return new StreamSplit(117676320264093697L, 2, List.of(
                new ChunkWatermark("docs", new KeyRange(Bound.unbounded(), Bound.exclusive("m")), 117676320264093690L),
                new ChunkWatermark("docs", new KeyRange(Bound.inclusive("m"), Bound.unbounded()), 117676320264093699L)));
    }

    /** Written by version 1; must stay readable for as long as version 1 state may exist. */
    static final String RESTORED_CHUNK_V1 =
            "010004646f63730000000300000000066561e29fa9620100000002182a010000000f6e783b2044454c45544520636f64650101a211fd63b3000100";
    static final String FINISHED_CHUNK_V1 =
            "010004646f6373000000040000000013d82550000000000000000000000000000000010200000101a211fd63d10000";
    static final String STREAM_V1 = "0201a211fd63d100010000000000000002000000020004646f6373020100000002616d01a211fd63d0fffa0004646f6373"
            + "0000000002616d0201a211fd63d10003";

    static StreamSplit streamWithMarkers() {
        return new StreamSplit(117676320264093697L, 0, stream().chunkWatermarks(), 1796427160811L);
    }

    @Test
    void roundTrips() throws IOException {
        for (SurrealSplit split : List.of(restoredChunk(), finishedChunk(), stream(), streamWithMarkers(),
                new SnapshotSplit("t", 0, KeyRange.all()))) {
            assertThat(SERIALIZER.deserialize(SERIALIZER.getVersion(), SERIALIZER.serialize(split))).isEqualTo(split);
        }
    }

    @Test
    void readsVersion1Bytes() throws IOException {
        assertThat(read(RESTORED_CHUNK_V1)).isEqualTo(restoredChunk());
        assertThat(read(FINISHED_CHUNK_V1)).isEqualTo(finishedChunk());
        assertThat(read(STREAM_V1)).isEqualTo(stream());
    }

    @Test
    void refusesTrailingBytesAndUnknownVersions() throws IOException {
        byte[] bytes = SERIALIZER.serialize(restoredChunk());
        byte[] longer = java.util.Arrays.copyOf(bytes, bytes.length + 1);
        assertThatThrownBy(() -> SERIALIZER.deserialize(SurrealSplitSerializer.VERSION_1, longer))
                .isInstanceOf(IOException.class).hasMessageContaining("trailing");
        assertThatThrownBy(() -> SERIALIZER.deserialize(9, bytes))
                .isInstanceOf(IOException.class).hasMessageContaining("version 9");
    }

    @Test
    void aStreamPastItsLargestHighWatermarkDropsTheWatermarks() throws IOException {
        StreamSplitState state = new StreamSplitState(stream());
        state.advanceTo(117676320264093699L, 1);
        assertThat(state.toSurrealSplit().chunkWatermarks())
                .as("a change at the largest high watermark is still held back").hasSize(2);
        state.advanceTo(117676320264093700L, 1);
        StreamSplit past = state.toSurrealSplit();
        assertThat(past.chunkWatermarks()).isEmpty();
        assertThat(SERIALIZER.serialize(past).length).isLessThan(SERIALIZER.serialize(stream()).length);
        assertThat(SERIALIZER.deserialize(SERIALIZER.getVersion(), SERIALIZER.serialize(past)))
                .isEqualTo(new StreamSplit(117676320264093700L, 1, List.of()));
    }

    @Test
    void theSnapshotStartIsKeptUntilTheMarkersAreOut() {
        StreamSplitState state = new StreamSplitState(streamWithMarkers());
        assertThat(state.toSurrealSplit().snapshotStartedAt()).isEqualTo(1796427160811L);
        state.markersEmitted();
        assertThat(state.toSurrealSplit().marksSnapshotDone()).isFalse();
        assertThat(new StreamSplitState(stream()).toSurrealSplit().snapshotStartedAt()).isEqualTo(StreamSplit.NO_MARKERS);
    }

    private static SurrealSplit read(String hex) throws IOException {
        return SERIALIZER.deserialize(SurrealSplitSerializer.VERSION_1, HexFormat.of().parseHex(hex));
    }
}
