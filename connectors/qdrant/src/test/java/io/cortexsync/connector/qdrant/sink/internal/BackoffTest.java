package io.cortexsync.connector.qdrant.sink.internal;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class BackoffTest {

    @Test
    void doublesWithJitterUpToTheMaximum() {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1));
        for (int i = 0; i < 200; i++) {
            assertThat(backoff.delayMillis(1)).isBetween(50L, 100L);
            assertThat(backoff.delayMillis(3)).isBetween(200L, 400L);
            assertThat(backoff.delayMillis(10)).isBetween(500L, 1000L);
            assertThat(backoff.delayMillis(1000)).isBetween(500L, 1000L);
        }
    }

    @Test
    void jitters() {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1));
        long first = backoff.delayMillis(4);
        boolean differs = false;
        for (int i = 0; i < 50 && !differs; i++) {
            differs = backoff.delayMillis(4) != first;
        }
        assertThat(differs).isTrue();
    }
}
