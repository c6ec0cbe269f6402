package io.cortexsync.connector.qdrant.sink;

import io.cortexsync.schema.model.DeadLetter;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** Dead letters are visible with the test's log configuration (WARN and above), as with a user's. */
class LoggingDeadLetterHandlerTest {

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
        logger().addAppender(appender);
    }

    @AfterEach
    void release() {
        logger().removeAppender(appender);
        appender.stop();
    }

    private static org.apache.logging.log4j.core.Logger logger() {
        return ((LoggerContext) LogManager.getContext(false)).getLogger(QdrantSink.class.getName());
    }

    @Test
    void aDeadLetterIsAWarningNamingTheRecordAndTheReason() {
        new LoggingDeadLetterHandler().onDeadLetter(deadLetter("doc:7", "the write is over the request limit"));
        assertThat(events).hasSize(1);
        assertThat(events.get(0).getLevel()).isEqualTo(Level.WARN);
        assertThat(events.get(0).getMessage().getFormattedMessage())
                .contains("doc:7")
                .contains("the write is over the request limit");
    }

    @Test
    void aFloodIsCutToALimitAndLongReasonsAreShortened() {
        LoggingDeadLetterHandler handler = new LoggingDeadLetterHandler();
        String longReason = "x".repeat(100_000);
        for (int i = 0; i < LoggingDeadLetterHandler.LINES_PER_MINUTE + 50; i++) {
            handler.onDeadLetter(deadLetter("doc:" + i, longReason));
        }
        assertThat(events).hasSize(LoggingDeadLetterHandler.LINES_PER_MINUTE);
        assertThat(events.get(0).getMessage().getFormattedMessage().length())
                .isLessThan(LoggingDeadLetterHandler.MAX_REASON_CHARS + 200);
    }

    @Test
    void theElementIsNeverLogged() {
        new LoggingDeadLetterHandler().onDeadLetter(deadLetter("doc:1", "vector has 3 elements, the collection 4"));
        assertThat(events).singleElement()
                .satisfies(event -> assertThat(event.getMessage().getFormattedMessage()).doesNotContain("0.125"));
    }

    private static DeadLetter deadLetter(String recordId, String reason) {
        return DeadLetter.of("{\"vector\":[0.125,0.25,0.5]}", reason, QdrantSinkOutcomeListener.STAGE, recordId, Instant.now());
    }
}
