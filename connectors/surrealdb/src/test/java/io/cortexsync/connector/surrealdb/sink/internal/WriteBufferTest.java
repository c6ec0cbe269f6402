package io.cortexsync.connector.surrealdb.sink.internal;

import io.cortexsync.connector.surrealdb.client.SurrealRecordId;
import io.cortexsync.connector.surrealdb.sink.SurrealWrite;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class WriteBufferTest {

    private static final WriteStatements STATEMENTS = new WriteStatements();

    private static PendingWrite upsert(String key, int payloadChars) {
        SurrealWrite write = SurrealWrite.upsert(SurrealRecordId.of("t", key), Map.of("p", "x".repeat(payloadChars)));
        return new PendingWrite(write, STATEMENTS.statement(write));
    }

    @Test
    void isFullAtTheRecordLimit() {
        WriteBuffer buffer = new WriteBuffer(3, 1 << 20);
        buffer.add(upsert("a", 1), 10);
        buffer.add(upsert("b", 1), 11);
        assertThat(buffer.isFull()).isFalse();
        buffer.add(upsert("c", 1), 12);
        assertThat(buffer.isFull()).isTrue();
        assertThat(buffer.size()).isEqualTo(3);
    }

    @Test
    void overflowsByBytesOnlyWhenItHoldsSomething() {
        PendingWrite big = upsert("big", 5_000);
        WriteBuffer buffer = new WriteBuffer(100, 6_000);
        assertThat(buffer.wouldOverflow(big)).as("an empty buffer takes any write").isFalse();
        buffer.add(big, 0);
        assertThat(buffer.isFull()).isFalse();
        assertThat(buffer.wouldOverflow(upsert("next", 1_500))).isTrue();
        assertThat(buffer.wouldOverflow(upsert("small", 10))).isFalse();
        assertThat(buffer.bytes()).isGreaterThan(5_000).isLessThan(5_300);
    }

    @Test
    void drainKeepsArrivalOrderIncludingRepeatedIdsAndEmptiesTheBuffer() {
        WriteBuffer buffer = new WriteBuffer(10, 1 << 20);
        buffer.add(upsert("a", 1), 5);
        buffer.add(upsert("b", 1), 6);
        buffer.add(upsert("a", 2), 7);
        assertThat(buffer.oldestArrival()).isEqualTo(5);

        List<PendingWrite> drained = buffer.drain();

        assertThat(drained.stream().map(PendingWrite::recordId).collect(Collectors.toList()))
                .containsExactly("t:a", "t:b", "t:a");
        assertThat(drained.get(2).write().content()).containsEntry("p", "xx");
        assertThat(buffer.isEmpty()).isTrue();
        assertThat(buffer.bytes()).isZero();
        buffer.add(upsert("c", 1), 42);
        assertThat(buffer.oldestArrival()).as("the clock restarts with the next write").isEqualTo(42);
    }

    @Test
    void byteSizeGrowsWithTheEncodedVector() {
        SurrealWrite small = SurrealWrite.upsert(SurrealRecordId.of("t", "v"), Map.of("vector", new float[8]));
        SurrealWrite large = SurrealWrite.upsert(SurrealRecordId.of("t", "v"), Map.of("vector", new float[768]));
        long smallBytes = new PendingWrite(small, STATEMENTS.statement(small)).bytes();
        long largeBytes = new PendingWrite(large, STATEMENTS.statement(large)).bytes();
        // a float32 element costs 5 bytes in CBOR, a float16 one 3: either way well over 2 per element
        assertThat(largeBytes - smallBytes).isGreaterThan(760L * 2);
    }
}
