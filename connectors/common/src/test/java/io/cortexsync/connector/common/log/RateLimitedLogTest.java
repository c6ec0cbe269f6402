package io.cortexsync.connector.common.log;

import io.cortexsync.testkit.logging.LogCapture;

import org.apache.flink.util.InstantiationUtil;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.LogEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The limit per minute, the line counting those left out, and short reasons. */
class RateLimitedLogTest {

    @RegisterExtension
    final LogCapture log = LogCapture.of(RateLimitedLogTest.class);

    @Test
    void aLineIsAWarningWithItsArguments() {
        new RateLimitedLog(RateLimitedLogTest.class, "{} left out").warn("bad record {}: {}", "doc:7", "too long");
        assertThat(log.events()).singleElement().satisfies(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.WARN);
            assertThat(event.getMessage().getFormattedMessage()).isEqualTo("bad record doc:7: too long");
        });
    }

    @Test
    void aFloodIsCutToTheLimitPerMinute() {
        RateLimitedLog limited = new RateLimitedLog(RateLimitedLogTest.class, "{} left out");
        for (int i = 0; i < RateLimitedLog.LINES_PER_MINUTE + 50; i++) {
            limited.warn("bad record {}", i);
        }
        assertThat(log.events()).hasSize(RateLimitedLog.LINES_PER_MINUTE);
    }

    @Test
    void aLogTakenThroughSerializationStillLogs() throws Exception {
        RateLimitedLog limited = InstantiationUtil.clone(
                new RateLimitedLog(RateLimitedLogTest.class, "{} left out"));
        limited.warn("bad record {}", 1);
        assertThat(log.events()).hasSize(1);
    }

    @Test
    void longReasonsAreCutSayingHowLongTheyWere() {
        String reason = "x".repeat(100_000);
        assertThat(RateLimitedLog.abbreviate(reason))
                .hasSize(RateLimitedLog.MAX_REASON_CHARS + "... (100000 characters)".length())
                .endsWith("... (100000 characters)");
        assertThat(RateLimitedLog.abbreviate("short")).isEqualTo("short");
        assertThat(RateLimitedLog.abbreviate(null)).isNull();
    }
}
