package io.cortexsync.connector.surrealdb.sink;

import io.cortexsync.schema.model.SyncEvent;
import io.cortexsync.testkit.logging.LogCapture;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.LogEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Dead letters are visible with the test's log configuration (WARN and above), as with a user's. */
class LoggingOutcomeListenerTest {

    @RegisterExtension
    final LogCapture log = LogCapture.of(SurrealSink.class);

    @Test
    void aDeadLetterIsAWarningNamingTheRecordAndTheReason() {
        new LoggingOutcomeListener().onOutcome(
                new SurrealSinkOutcome("doc:7", SyncEvent.Type.DEAD_LETTER, "the write is over the request limit"));
        assertThat(log.events()).hasSize(1);
        assertThat(log.events().get(0).getLevel()).isEqualTo(Level.WARN);
        assertThat(log.events().get(0).getMessage().getFormattedMessage())
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
        assertThat(log.events()).hasSize(LoggingOutcomeListener.LINES_PER_MINUTE);
        assertThat(log.events().get(0).getMessage().getFormattedMessage().length())
                .isLessThan(LoggingOutcomeListener.MAX_REASON_CHARS + 200);
    }

    @Test
    void syncedRecordsAreNotLogged() {
        new LoggingOutcomeListener().onOutcome(new SurrealSinkOutcome("doc:1", SyncEvent.Type.SYNCED, ""));
        assertThat(log.events()).isEmpty();
    }
}
