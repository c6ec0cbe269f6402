package io.cortexsync.connector.dualwrite.client;

import io.cortexsync.schema.ids.RecordId;
import io.cortexsync.schema.model.SyncEvent;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PendingRequestsTest {

    private static final RecordId DOC = RecordId.of("doc", 42);

    private final AtomicLong now = new AtomicLong();
    private final PendingRequests pending = new PendingRequests(3, Duration.ofSeconds(10), now::get);

    @ParameterizedTest
    @EnumSource(value = SyncEvent.Type.class, names = {"SYNCED", "CONFLICT", "COMPENSATED", "DEAD_LETTER", "FAILED"})
    void aFinalEventCompletesItsRequest(SyncEvent.Type type) {
        SyncFuture future = pending.register("r1", DOC);

        assertThat(pending.answer(event(type, "r1"))).isTrue();

        assertThat(future).isCompletedWithValue(event(type, "r1"));
        assertThat(pending.size()).isZero();
    }

    @ParameterizedTest
    @EnumSource(value = SyncEvent.Type.class, names = {"RETRYING", "INCONSISTENT", "REPAIRED"})
    void otherEventsCompleteNothing(SyncEvent.Type type) {
        SyncFuture future = pending.register("r1", DOC);

        assertThat(pending.answer(event(type, "r1"))).isFalse();

        assertThat(future).isNotDone();
        assertThat(pending.size()).isOne();
    }

    @Test
    void eventsOfOtherRequestsOrOfNoneCompleteNothing() {
        SyncFuture future = pending.register("r1", DOC);

        assertThat(pending.answer(event(SyncEvent.Type.SYNCED, "someone-else"))).isFalse();
        assertThat(pending.answer(event(SyncEvent.Type.SYNCED, null))).isFalse();

        assertThat(future).isNotDone();
    }

    @Test
    void aSecondAnswerToOneRequestChangesNothing() {
        SyncFuture future = pending.register("r1", DOC);
        pending.answer(event(SyncEvent.Type.SYNCED, "r1"));

        assertThat(pending.answer(event(SyncEvent.Type.FAILED, "r1"))).isFalse();

        assertThat(future.join().type()).isEqualTo(SyncEvent.Type.SYNCED);
    }

    @Test
    void requestsPastTheTimeoutFailNamingThemselvesAndLeave() {
        SyncFuture first = pending.register("r1", DOC);
        now.addAndGet(Duration.ofSeconds(4).toNanos());
        SyncFuture second = pending.register("r2", RecordId.of("doc", "intro"));

        now.addAndGet(Duration.ofSeconds(6).toNanos());
        pending.expire();

        assertThat(second).isNotDone();
        assertThat(pending.size()).isOne();
        assertThatThrownBy(first::get).cause()
                .isInstanceOf(TimeoutException.class)
                .hasMessageContaining("no final event for request r1 (doc:42) within PT10S")
                .hasMessageContaining("the job may still apply the change");

        now.addAndGet(Duration.ofSeconds(4).toNanos());
        pending.expire();
        assertThat(second).isCompletedExceptionally();
        assertThat(pending.size()).isZero();
    }

    @Test
    void anAnsweredRequestDoesNotExpire() {
        SyncFuture future = pending.register("r1", DOC);
        pending.answer(event(SyncEvent.Type.CONFLICT, "r1"));

        now.addAndGet(Duration.ofMinutes(1).toNanos());
        pending.expire();

        assertThat(future.join().type()).isEqualTo(SyncEvent.Type.CONFLICT);
    }

    @Test
    void theLimitRefusesRequestsUntilOneLeaves() {
        pending.register("r1", DOC);
        pending.register("r2", DOC);
        pending.register("r3", DOC);

        SyncFuture refused = pending.register("r4", DOC);

        assertThatThrownBy(refused::get).cause()
                .isInstanceOf(RejectedExecutionException.class)
                .hasMessageContaining("request r4 (doc:42) not sent: 3 requests already wait")
                .hasMessageContaining("setMaxPendingRequests");
        assertThat(pending.size()).isEqualTo(3);

        pending.answer(event(SyncEvent.Type.SYNCED, "r2"));
        assertThat(pending.register("r5", DOC)).isNotDone();
    }

    @Test
    void aCancelledRequestLeaves() {
        SyncFuture future = pending.register("r1", DOC);

        future.cancel(false);

        assertThat(pending.size()).isZero();
        assertThat(pending.answer(event(SyncEvent.Type.SYNCED, "r1"))).isFalse();
    }

    @Test
    void closeFailsWaitingRequestsAndEveryLaterOne() {
        SyncFuture waiting = pending.register("r1", DOC);

        pending.close(future -> new IllegalStateException("closed: " + future.requestId()));

        assertThatThrownBy(waiting::get).cause().hasMessage("closed: r1");
        assertThat(pending.size()).isZero();
        SyncFuture later = pending.register("r2", DOC);
        assertThatThrownBy(later::get).cause().hasMessage("closed: r2");
        assertThat(pending.size()).isZero();
    }

    @Test
    void callbacksRunOutsideTheLock() throws Exception {
        SyncFuture future = pending.register("r1", DOC);
        // a callback that registers from another thread would deadlock if the lock were held
        SyncFuture[] registered = new SyncFuture[1];
        future.thenRun(() -> {
            Thread other = new Thread(() -> registered[0] = pending.register("r2", DOC));
            other.start();
            try {
                other.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });

        Thread answering = new Thread(() -> pending.answer(event(SyncEvent.Type.SYNCED, "r1")));
        answering.start();
        answering.join(30_000);

        assertThat(answering.isAlive()).as("answering blocked by its own callback").isFalse();
        assertThat(registered[0]).isNotNull().isNotDone();
    }

    static SyncEvent event(SyncEvent.Type type, String requestId) {
        return SyncEvent.builder().type(type).entityId("doc:42").requestId(requestId).time(Instant.EPOCH).build();
    }
}
