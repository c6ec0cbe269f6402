package io.cortexsync.connector.common.log;

import org.apache.flink.util.InstantiationUtil;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** The limit per minute, the line counting those left out, and short reasons. */
class RateLimitedLogTest {

    private final List<LogEvent> events = new CopyOnWriteArrayList<>();
    private AbstractAppender appender;

    @BeforeEach
    void capture() {
        appender = new AbstractAppender("captured", null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                events.add(event.toImmutable());
            }
        };
        appender.start();
        logger().setLevel(Level.WARN);
        logger().addAppender(appender);
    }

    @AfterEach
    void release() {
        logger().removeAppender(appender);
        appender.stop();
    }

    private static org.apache.logging.log4j.core.Logger logger() {
        return ((LoggerContext) LogManager.getContext(false)).getLogger(RateLimitedLogTest.class.getName());
    }

    @Test
    void aLineIsAWarningWithItsArguments() {
        new RateLimitedLog(RateLimitedLogTest.class, "{} left out").warn("bad record {}: {}", "doc:7", "too long");
        assertThat(events).singleElement().satisfies(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.WARN);
            assertThat(event.getMessage().getFormattedMessage()).isEqualTo("bad record doc:7: too long");
        });
    }

    @Test
    void aFloodIsCutToTheLimitPerMinute() {
        RateLimitedLog log = new RateLimitedLog(RateLimitedLogTest.class, "{} left out");
        for (int i = 0; i < RateLimitedLog.LINES_PER_MINUTE + 50; i++) {
            log.warn("bad record {}", i);
        }
        assertThat(events).hasSize(RateLimitedLog.LINES_PER_MINUTE);
    }

    @Test
    void aLogTakenThroughSerializationStillLogs() throws Exception {
        RateLimitedLog log = InstantiationUtil.clone(
                new RateLimitedLog(RateLimitedLogTest.class, "{} left out"));
        log.warn("bad record {}", 1);
        assertThat(events).hasSize(1);
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
