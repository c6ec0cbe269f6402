package io.cortexsync.connector.surrealdb.sink;

import io.cortexsync.schema.model.SyncEvent;

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

/** Dead letters are visible with the test's log configuration (WARN and above), as with a user's. */
class LoggingOutcomeListenerTest {

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
        return ((LoggerContext) LogManager.getContext(false)).getLogger(SurrealSink.class.getName());
    }

    @Test
    void aDeadLetterIsAWarningNamingTheRecordAndTheReason() {
        new LoggingOutcomeListener().onOutcome(
                new SurrealSinkOutcome("doc:7", SyncEvent.Type.DEAD_LETTER, "the write is over the request limit"));
        assertThat(events).hasSize(1);
        assertThat(events.get(0).getLevel()).isEqualTo(Level.WARN);
        assertThat(events.get(0).getMessage().getFormattedMessage())
                .contains("doc:7")
                .contains("the write is over the request limit");
    }

    @Test
    void aFloodIsCutToALimitAndLongReasonsAreShortened() {
        LoggingOutcomeListener listener = new LoggingOutcomeListener();
        String longReason = "x".repeat(100_000);
        for (int i = 0; i < LoggingOutcomeListener.LINES_PER_MINUTE + 50; i++) {
            listener.onOutcome(new SurrealSinkOutcome("doc:" + i, SyncEvent.Type.DEAD_LETTER, longReason));
        }
        assertThat(events).hasSize(LoggingOutcomeListener.LINES_PER_MINUTE);
        assertThat(events.get(0).getMessage().getFormattedMessage().length())
                .isLessThan(LoggingOutcomeListener.MAX_REASON_CHARS + 200);
    }

    @Test
    void syncedRecordsAreNotLogged() {
        new LoggingOutcomeListener().onOutcome(new SurrealSinkOutcome("doc:1", SyncEvent.Type.SYNCED, ""));
        assertThat(events).isEmpty();
    }
}
