package io.cortexsync.connector.common.builder;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BuilderChecksTest {

    private final BuilderChecks checks = BuilderChecks.of("TestSink");

    @Test
    void passingChecksChain() {
        assertThatCode(() -> checks
                        .notNull("x", "setX")
                        .notBlank("name", "setName")
                        .positive(1, "setSize")
                        .notNegative(0, "setRetries")
                        .inRange(16, 0, 16, "setBits")
                        .positive(Duration.ofMillis(1), "setLatency")
                        .notNegative(Duration.ZERO, "setInterval")
                        .backoff(Duration.ofMillis(10), Duration.ofMillis(10), "setInitialBackoff", "setMaxBackoff")
                        .check(true, "never"))
                .doesNotThrowAnyException();
    }

    @Test
    void everyMessageNamesWhatIsBuiltAndTheSetterWithItsValue() {
        assertFails(() -> checks.notNull(null, "setConnectionConfig"), "TestSink: setConnectionConfig(...) is required");
        assertFails(() -> checks.notBlank(" ", "setCollectionName"), "TestSink: setCollectionName(\" \"): must not be blank");
        assertFails(() -> checks.notBlank(null, "setCollectionName"), "setCollectionName(null)");
        assertFails(() -> checks.positive(0, "setBatchSize"), "TestSink: setBatchSize(0): must be positive");
        assertFails(() -> checks.notNegative(-1, "setMaxRetries"), "TestSink: setMaxRetries(-1): must not be negative");
        assertFails(() -> checks.inRange(17, 0, 16, "setPartitionBits"), "setPartitionBits(17): must be within [0, 16]");
        assertFails(() -> checks.positive(Duration.ZERO, "setTargetLatency"), "setTargetLatency(PT0S): must be a positive");
        assertFails(() -> checks.positive((Duration) null, "setTargetLatency"), "setTargetLatency(null)");
        assertFails(() -> checks.notNegative(Duration.ofSeconds(-1), "setMaxBufferedTime"), "setMaxBufferedTime(PT-1S)");
        assertFails(() -> checks.backoff(Duration.ZERO, Duration.ofSeconds(1), "setInitialBackoff", "setMaxBackoff"),
                "setInitialBackoff(PT0S)");
        assertFails(() -> checks.backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), "setInitialBackoff", "setMaxBackoff"),
                "setMaxBackoff(PT1S): must be at least the initial backoff PT2S");
        assertFails(() -> checks.check(false, "setFields(...): 'a b' is not an identifier"),
                "TestSink: setFields(...): 'a b' is not an identifier");
    }

    private static void assertFails(Runnable check, String message) {
        assertThatThrownBy(check::run).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }
}
