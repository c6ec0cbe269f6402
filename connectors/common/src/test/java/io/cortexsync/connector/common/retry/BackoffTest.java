package io.cortexsync.connector.common.retry;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5));

    @Test
    void theCeilingDoublesPerFailureUpToTheMax() {
        assertThat(backoff.ceiling(1)).isEqualTo(Duration.ofMillis(100));
        assertThat(backoff.ceiling(2)).isEqualTo(Duration.ofMillis(200));
        assertThat(backoff.ceiling(6)).isEqualTo(Duration.ofMillis(3200));
        assertThat(backoff.ceiling(7)).isEqualTo(Duration.ofSeconds(5));
        assertThat(backoff.ceiling(0)).as("no failure counts as the first").isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void manyFailuresStayAtTheMaxInsteadOfOverflowing() {
        for (int failures : new int[] {30, 31, 62, 63, 64, 1000, Integer.MAX_VALUE}) {
            assertThat(backoff.ceiling(failures)).as("after %d failures", failures).isEqualTo(Duration.ofSeconds(5));
        }
        Backoff unbounded = new Backoff(Duration.ofNanos(3), Duration.ofNanos(Long.MAX_VALUE));
        assertThat(unbounded.ceiling(61).toNanos()).isEqualTo(3L << 60);
        assertThat(unbounded.ceiling(62).toNanos()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void everyDelayLiesInTheUpperHalfOfItsCeilingAndTheyVary() {
        for (int failures = 1; failures <= 10; failures++) {
            long ceiling = backoff.ceiling(failures).toNanos();
            Set<Long> seen = new HashSet<>();
            for (int i = 0; i < 200; i++) {
                long delay = backoff.delay(failures).toNanos();
                assertThat(delay).isBetween(ceiling / 2, ceiling);
                seen.add(delay);
            }
            assertThat(seen).as("jitter after %d failures", failures).hasSizeGreaterThan(100);
        }
        assertThat(backoff.delayMillis(1)).isBetween(50L, 100L);
    }

    @Test
    void rejectsAnEmptyOrInvertedRange() {
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("initial");
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("max");
    }
}
