package io.cortexsync.connector.surrealdb.source.enumerator;

import io.cortexsync.connector.surrealdb.client.SurrealRange.Bound;
import io.cortexsync.connector.surrealdb.source.split.KeyRange;
import io.cortexsync.connector.surrealdb.source.split.SnapshotSplit;
import io.cortexsync.connector.surrealdb.source.split.StreamSplit;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SurrealEnumeratorStateSerializerTest {

    private static final SurrealEnumeratorStateSerializer SERIALIZER = SurrealEnumeratorStateSerializer.INSTANCE;

    static SurrealEnumeratorState state() {
        SnapshotSplit first = new SnapshotSplit("docs", 0, new KeyRange(Bound.unbounded(), Bound.exclusive(7L)));
        SnapshotSplit second = new SnapshotSplit("docs", 1, new KeyRange(Bound.inclusive(7L), Bound.unbounded()));
        return new SurrealEnumeratorState(true, List.of(first, second),
                List.of(second, new StreamSplit(5L, 0, List.of())), Map.of(first.splitId(), 117676320264093696L), false);
    }

    /** Written by version 1. */
    static final String STATE_V1 = "0100000002010004646f63730000000002010000000107000000010004646f6373000000010000000001070200000000"
            + "000002010004646f63730000000100000000010702000000020000000000000005000000000000000000000000000000"
            + "01000f736e617073686f743a646f63733a3001a211fd63d1000000";

    static SurrealEnumeratorState resnapshotting() {
        SurrealEnumeratorState s = state();
        return new SurrealEnumeratorState(s.chunked(), s.chunks(),
                List.of(new StreamSplit(9L, 1, List.of(), 1796427160811L)), s.finishedHighs(), false, true, 1796427160811L);
    }

    @Test
    void roundTrips() throws IOException {
        for (SurrealEnumeratorState state : List.of(state(), resnapshotting(), SurrealEnumeratorState.initial())) {
            assertThat(SERIALIZER.deserialize(SERIALIZER.getVersion(), SERIALIZER.serialize(state))).isEqualTo(state);
        }
    }

    @Test
    void readsVersion1Bytes() throws IOException {
        SurrealEnumeratorState restored =
                SERIALIZER.deserialize(SurrealEnumeratorStateSerializer.VERSION_1, HexFormat.of().parseHex(STATE_V1));
        assertThat(restored).isEqualTo(state());
        assertThat(restored.resnapshotting()).isFalse();
        assertThat(restored.snapshotStartedAt()).isEqualTo(SurrealEnumeratorState.NOT_STARTED);
    }

    @Test
    void refusesTrailingBytes() throws IOException {
        byte[] bytes = SERIALIZER.serialize(state());
        byte[] longer = java.util.Arrays.copyOf(bytes, bytes.length + 2);
        assertThatThrownBy(() -> SERIALIZER.deserialize(SERIALIZER.getVersion(), longer))
                .isInstanceOf(IOException.class).hasMessageContaining("2 trailing bytes");
        assertThatThrownBy(() -> SERIALIZER.deserialize(9, bytes)).hasMessageContaining("version 9");
    }
}
