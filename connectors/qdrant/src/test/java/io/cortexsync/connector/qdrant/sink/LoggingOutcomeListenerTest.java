package io.cortexsync.connector.qdrant.sink;

import io.cortexsync.schema.model.DeadLetter;
import io.cortexsync.testkit.logging.LogCapture;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.LogEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Dead letters are visible with the test's log configuration (WARN and above), as with a user's. */
class LoggingOutcomeListenerTest {

    @RegisterExtension
    final LogCapture log = LogCapture.of(QdrantSink.class);

    @Test
    void aDeadLetterIsAWarningNamingTheRecordAndTheReason() {
        new LoggingOutcomeListener().onDeadLetter(deadLetter("doc:7", "the write is over the request limit"));
        assertThat(log.events()).hasSize(1);
        assertThat(log.events().get(0).getLevel()).isEqualTo(Level.WARN);
        assertThat(log.events().get(0).getMessage().getFormattedMessage())
                .contains("doc:7")
                .contains("the write is over the request limit");
    }

    @Test
    void aFloodIsCutToALimitAndLongReasonsAreShortened() {
        LoggingOutcomeListener handler = new LoggingOutcomeListener();
        String longReason = "x".repeat(100_000);
        for (int i = 0; i < LoggingOutcomeListener.LINES_PER_MINUTE + 50; i++) {
            handler.onDeadLetter(deadLetter("doc:" + i, longReason));
        }
        assertThat(log.events()).hasSize(LoggingOutcomeListener.LINES_PER_MINUTE);
        assertThat(log.events().get(0).getMessage().getFormattedMessage().length())
                .isLessThan(LoggingOutcomeListener.MAX_REASON_CHARS + 200);
    }

    @Test
    void theElementIsNeverLogged() {
        new LoggingOutcomeListener().onDeadLetter(deadLetter("doc:1", "vector has 3 elements, the collection 4"));
        assertThat(log.events()).singleElement()
                .satisfies(event -> assertThat(event.getMessage().getFormattedMessage()).doesNotContain("0.125"));
    }

    private static DeadLetter deadLetter(String recordId, String reason) {
        return DeadLetter.of("{\"vector\":[0.125,0.25,0.5]}", reason, QdrantSinkOutcomeListener.STAGE, recordId, Instant.now());
    }
}
