package io.cortexsync.connector.qdrant.sink.internal;

import io.cortexsync.connector.qdrant.convert.QdrantWrite;

import io.qdrant.client.PointIdFactory;
import io.qdrant.client.VectorsFactory;
import io.qdrant.client.grpc.Common.PointId;
import io.qdrant.client.grpc.Points.PointStruct;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class WriteBufferTest {

    @Test
    void keepsTheLastWriteOfAPointAndCountsTheElementsItReplaced() {
        WriteBuffer buffer = new WriteBuffer();
        buffer.add(upsert(1), 0);
        buffer.add(delete(1), 1);
        buffer.add(upsert(2), 2);
        assertThat(buffer.size()).isEqualTo(2);
        List<PendingPoint> batch = buffer.takeBatch(10, Long.MAX_VALUE, id -> false);
        assertThat(batch).extracting(p -> p.write().kind()).containsExactly(QdrantWrite.Kind.DELETE);
        assertThat(batch.get(0).elements()).isEqualTo(2);
        assertThat(buffer.takeBatch(10, Long.MAX_VALUE, id -> false))
                .extracting(p -> p.write().kind()).containsExactly(QdrantWrite.Kind.UPSERT);
        assertThat(buffer.isEmpty()).isTrue();
    }

    @Test
    void batchesAreOfOneKindInArrivalOrderAndSkipBusyPoints() {
        WriteBuffer buffer = new WriteBuffer();
        for (int i = 0; i < 6; i++) {
            buffer.add(i % 2 == 0 ? upsert(i) : delete(i), i);
        }
        Set<PointId> busy = Set.of(PointIdFactory.id(0));
        List<PendingPoint> batch = buffer.takeBatch(10, Long.MAX_VALUE, busy::contains);
        assertThat(batch).extracting(p -> p.write().id().getNum()).containsExactly(1L, 3L, 5L);
        assertThat(buffer.takeBatch(1, Long.MAX_VALUE, busy::contains))
                .extracting(p -> p.write().id().getNum()).containsExactly(2L);
        assertThat(buffer.size()).isEqualTo(2);
        assertThat(buffer.takeBatch(10, Long.MAX_VALUE, id -> true)).isEmpty();
    }

    @Test
    void fullByCountOrBytesAndBatchesStayWithinTheBytes() {
        WriteBuffer buffer = new WriteBuffer();
        for (int i = 0; i < 4; i++) {
            buffer.add(upsert(i), i);
        }
        long one = upsert(9).bytes();
        assertThat(buffer.isFull(4, Long.MAX_VALUE)).isTrue();
        assertThat(buffer.isFull(5, Long.MAX_VALUE)).isFalse();
        assertThat(buffer.isFull(5, 4 * one)).isTrue();
        assertThat(buffer.takeBatch(10, 2 * one, id -> false)).hasSize(2);
        // one point larger than the limit still goes, alone
        assertThat(buffer.takeBatch(10, 1, id -> false)).hasSize(1);
    }

    private static PendingPoint upsert(long id) {
        return new PendingPoint(QdrantWrite.upsert(
                PointStruct.newBuilder().setId(PointIdFactory.id(id)).setVectors(VectorsFactory.vectors(1f, 2f)).build(),
                "t:" + id, () -> ""));
    }

    private static PendingPoint delete(long id) {
        return new PendingPoint(QdrantWrite.delete(PointIdFactory.id(id), "t:" + id, () -> ""));
    }
}
