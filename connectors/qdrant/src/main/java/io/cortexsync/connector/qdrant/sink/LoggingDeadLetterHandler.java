package io.cortexsync.connector.qdrant.sink;

import io.cortexsync.schema.model.DeadLetter;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default {@link QdrantSinkOutcomeListener}: a WARN line with the record id and the reason of
 * each dead letter, never its content (the element holds the whole vector).
 *
 * <p>A flood of bad records must not drown the log: at most {@link #LINES_PER_MINUTE} lines a
 * minute, then one line counting those left out (the writer's {@code deadLetters} counter has
 * them all). Reasons are cut short, since a server message may quote the point.
 */
final class LoggingDeadLetterHandler implements QdrantSinkOutcomeListener {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(QdrantSink.class);

    static final int LINES_PER_MINUTE = 100;
    static final int MAX_REASON_CHARS = 500;
    private static final long MINUTE_MS = 60_000;

    private transient long windowStartMs = Long.MIN_VALUE;
    private transient int linesInWindow;
    private transient long leftOut;

    @Override
    public synchronized void onDeadLetter(DeadLetter deadLetter) {
        long now = System.currentTimeMillis();
        if (windowStartMs == Long.MIN_VALUE || now - windowStartMs >= MINUTE_MS) {
            if (leftOut > 0) {
                LOG.warn("{} more dead letters were not logged in the last minute; "
                        + "the sink's deadLetters metric counts them all", leftOut);
            }
            windowStartMs = now;
            linesInWindow = 0;
            leftOut = 0;
        }
        if (linesInWindow++ < LINES_PER_MINUTE) {
            LOG.warn("Qdrant sink dead letter {}: {}", deadLetter.recordId(), abbreviate(deadLetter.reason()));
        } else {
            leftOut++;
        }
    }

    static String abbreviate(String reason) {
        if (reason == null || reason.length() <= MAX_REASON_CHARS) {
            return reason;
        }
        return reason.substring(0, MAX_REASON_CHARS) + "... (" + reason.length() + " characters)";
    }
}
