package io.cortexsync.connector.common.reader;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class WakeableWaitTest {

    private final WakeableWait wait = new WakeableWait();

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    @Test
    void waitsTheWholeDurationWhenNotWoken() {
        long start = System.nanoTime();
        assertThat(wait.await(Duration.ofMillis(50))).isTrue();
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(50));
    }

    @Test
    void aWakeUpFromAnotherThreadEndsTheWaitEarly() throws Exception {
        CompletableFuture<Boolean> waited = CompletableFuture.supplyAsync(() -> wait.await(Duration.ofMinutes(5)));
        // wake until the waiter has returned: the first wake-up may come before it waits
        while (!waited.isDone()) {
            wait.wakeUp();
            Thread.sleep(5);
        }
        assertThat(waited.get()).isFalse();
    }

    @Test
    void anEarlierWakeUpEndsTheNextWaitOnceOnly() {
        wait.wakeUp();
        assertThat(wait.await(Duration.ofMinutes(5))).isFalse();
        assertThat(wait.await(Duration.ofMillis(10))).as("the wake-up was used up").isTrue();
    }

    @Test
    void aClearedWakeUpIsForgotten() {
        wait.wakeUp();
        wait.clearWakeUp();
        assertThat(wait.await(Duration.ofMillis(10))).isTrue();
    }

    @Test
    void anInterruptEndsTheWaitAndStaysSet() {
        Thread.currentThread().interrupt();
        assertThat(wait.await(Duration.ofMinutes(5))).isFalse();
        assertThat(Thread.currentThread().isInterrupted()).isTrue();
    }

    @Test
    void aZeroWaitReturnsAtOnce() {
        assertThat(wait.await(Duration.ZERO)).isTrue();
    }
}
