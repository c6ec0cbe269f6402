package io.cortexsync.connector.surrealdb.client;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class BackoffTest {

    @Test
    void growsExponentiallyWithJitterUpToTheCap() {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2));
        Set<Duration> firstDelays = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            Duration first = backoff.delayAfter(1);
            firstDelays.add(first);
            assertThat(first).isBetween(Duration.ofMillis(10), Duration.ofMillis(100));
            assertThat(backoff.delayAfter(3)).isBetween(Duration.ofMillis(40), Duration.ofMillis(400));
            assertThat(backoff.delayAfter(60)).isBetween(Duration.ofMillis(200), Duration.ofSeconds(2));
        }
        assertThat(firstDelays).as("jittered, not fixed").hasSizeGreaterThan(100);
    }
}
