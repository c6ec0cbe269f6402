package io.cortexsync.connector.qdrant.source.split;

import io.cortexsync.connector.qdrant.source.QdrantPointId;
import io.cortexsync.connector.qdrant.source.enumerator.QdrantEnumeratorState;
import io.cortexsync.connector.qdrant.source.enumerator.QdrantEnumeratorStateSerializer;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Split and enumerator state serializers: round trips, frozen version-1 bytes, refusals. */
class QdrantSplitSerializerTest {

    static QdrantSplit partitionInProgress() {
        return QdrantSplit.partition(8, 200)
                .withNextOffset(QdrantPointId.uuid(UUID.fromString("c8000000-0000-5000-8000-00000000002a")));
    }

    static QdrantSplit numericFinished() {
        return QdrantSplit.numericIds(8).asFinished();
    }

    static QdrantSplit numericInProgress() {
        return QdrantSplit.numericIds(8).withNextOffset(QdrantPointId.number(42));
    }

    /** Written by version 1; must stay readable for as long as version 1 state may exist. */
    static final String PARTITION_IN_PROGRESS_V1 = "08000000c802c800000000005000800000000000002a00";
    static final String NUMERIC_FINISHED_V1 = "08ffffffff0001";
    static final String NUMERIC_IN_PROGRESS_V1 = "08ffffffff01000000000000002a00";
    static final String ENUMERATOR_STATE_V1 = "00000002" + PARTITION_IN_PROGRESS_V1 + NUMERIC_FINISHED_V1;

    @Test
    void roundTrips() throws IOException {
        for (QdrantSplit split : List.of(partitionInProgress(), numericFinished(), numericInProgress(),
                QdrantSplit.partition(0, 0), QdrantSplit.partition(16, 65535))) {
            QdrantSplitSerializer serializer = QdrantSplitSerializer.INSTANCE;
            assertThat(serializer.deserialize(serializer.getVersion(), serializer.serialize(split))).isEqualTo(split);
        }
        QdrantEnumeratorState state = QdrantEnumeratorState.initial(4);
        QdrantEnumeratorStateSerializer states = QdrantEnumeratorStateSerializer.INSTANCE;
        assertThat(states.deserialize(states.getVersion(), states.serialize(state))).isEqualTo(state);
    }

    @Test
    void readsVersion1Bytes() throws IOException {
        assertThat(split(PARTITION_IN_PROGRESS_V1)).isEqualTo(partitionInProgress());
        assertThat(split(NUMERIC_FINISHED_V1)).isEqualTo(numericFinished());
        assertThat(split(NUMERIC_IN_PROGRESS_V1)).isEqualTo(numericInProgress());
        assertThat(QdrantEnumeratorStateSerializer.INSTANCE.deserialize(
                        QdrantEnumeratorStateSerializer.VERSION_1, HexFormat.of().parseHex(ENUMERATOR_STATE_V1)))
                .isEqualTo(new QdrantEnumeratorState(List.of(partitionInProgress(), numericFinished())));
    }

    @Test
    void writesVersion1BytesForTheCurrentVersion() throws IOException {
        assertThat(HexFormat.of().formatHex(QdrantSplitSerializer.INSTANCE.serialize(partitionInProgress())))
                .isEqualTo(PARTITION_IN_PROGRESS_V1);
    }

    @Test
    void refusesTrailingBytesUnknownVersionsAndPartitionsOutOfRange() throws IOException {
        byte[] bytes = QdrantSplitSerializer.INSTANCE.serialize(partitionInProgress());
        byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);
        assertThatThrownBy(() -> QdrantSplitSerializer.INSTANCE.deserialize(1, longer))
                .isInstanceOf(IOException.class).hasMessageContaining("trailing");
        assertThatThrownBy(() -> QdrantSplitSerializer.INSTANCE.deserialize(2, bytes))
                .isInstanceOf(IOException.class).hasMessageContaining("version 2");
        assertThatThrownBy(() -> split("04000000c80000"))
                .isInstanceOf(IOException.class).hasMessageContaining("partition 200 does not exist with 4");
    }

    @Test
    void splitsCoverTheWholeIdSpaceInOrderWithoutOverlap() {
        List<QdrantSplit> splits = QdrantSplit.all(3);
        assertThat(splits).hasSize(9);
        assertThat(splits.get(0).firstId()).isEqualTo(QdrantPointId.number(0));
        assertThat(splits.get(0).lastId()).isEqualTo(QdrantPointId.number(-1L));
        assertThat(splits.get(1).firstId()).isEqualTo(QdrantPointId.uuid(new UUID(0, 0)));
        assertThat(splits.get(8).lastId()).isEqualTo(QdrantPointId.uuid(new UUID(-1L, -1L)));
        for (int i = 1; i < splits.size(); i++) {
            assertThat(splits.get(i).firstId()).isGreaterThan(splits.get(i - 1).lastId());
            assertThat(splits.get(i - 1).contains(splits.get(i).firstId())).isFalse();
        }
        UUID lastOfPartition2 = splits.get(3).lastId().asUuid();
        assertThat(lastOfPartition2).isEqualTo(UUID.fromString("5fffffff-ffff-ffff-ffff-ffffffffffff"));
    }

    private static QdrantSplit split(String hex) throws IOException {
        return QdrantSplitSerializer.INSTANCE.deserialize(QdrantSplitSerializer.VERSION_1, HexFormat.of().parseHex(hex));
    }
}
