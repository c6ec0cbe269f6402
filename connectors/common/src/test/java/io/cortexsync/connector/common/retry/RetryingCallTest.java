package io.cortexsync.connector.common.retry;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetryingCallTest {

    private static final RetryingCall THREE_TRIES = new RetryingCall(3, new Backoff(Duration.ofMillis(1), Duration.ofMillis(2)),
            TransientFailures.of(FailureClassifier.causedBy("timeout", TimeoutException.class)));

    @Test
    void aTransientFailureIsTriedAgainUntilTheCallPasses() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        String result = THREE_TRIES.call(() -> {
            if (calls.incrementAndGet() < 3) {
                throw new IllegalStateException("wrapped", new TimeoutException("slow"));
            }
            return "done";
        });
        assertThat(result).isEqualTo("done");
        assertThat(calls).hasValue(3);
    }

    @Test
    void theLastTransientFailureIsThrownOnceTheTriesAreSpent() {
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> THREE_TRIES.run(() -> {
            calls.incrementAndGet();
            throw new TimeoutException("try " + calls.get());
        })).isInstanceOf(TimeoutException.class).hasMessage("try 3");
        assertThat(calls).hasValue(3);
    }

    @Test
    void aFailureThatIsNotTransientIsThrownAtOnce() {
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> THREE_TRIES.run(() -> {
            calls.incrementAndGet();
            throw new IOException("refused");
        })).isInstanceOf(IOException.class);
        assertThat(calls).hasValue(1);
    }

    @Test
    void refusesFewerThanOneAttempt() {
        assertThatThrownBy(() -> new RetryingCall(0, new Backoff(Duration.ofMillis(1), Duration.ofMillis(1)), TransientFailures.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("attempts");
    }
}
