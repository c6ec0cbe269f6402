package io.cortexsync.connector.surrealdb.sink;

import io.cortexsync.schema.model.SyncEvent;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default {@link SurrealSinkOutcomeListener}: a WARN line with the record id and the reason
 * for every dead letter and failure, so that a user sees them without configuring anything; a
 * debug line for the other outcomes but SYNCED (a stale version left alone is expected).
 *
 * <p>A flood of bad records must not drown the log: at most {@link #LINES_PER_MINUTE} lines a
 * minute, then one line counting those left out (the writer's {@code deadLetters} counter has
 * them all). Reasons are cut short, since a server message may quote the record.
 */
final class LoggingOutcomeListener implements SurrealSinkOutcomeListener {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(SurrealSink.class);

    static final int LINES_PER_MINUTE = 100;
    static final int MAX_REASON_CHARS = 500;
    private static final long MINUTE_MS = 60_000;

    private transient long windowStartMs = Long.MIN_VALUE;
    private transient int linesInWindow;
    private transient long leftOut;

    @Override
    public void onOutcome(SurrealSinkOutcome outcome) {
        SyncEvent.Type type = outcome.type();
        if (type == SyncEvent.Type.DEAD_LETTER || type == SyncEvent.Type.FAILED) {
            warn(outcome);
        } else if (type != SyncEvent.Type.SYNCED && LOG.isDebugEnabled()) {
            LOG.debug("{} {}: {}", type, outcome.recordId(), outcome.detail());
        }
    }

    private synchronized void warn(SurrealSinkOutcome outcome) {
        long now = System.currentTimeMillis();
        if (windowStartMs == Long.MIN_VALUE || now - windowStartMs >= MINUTE_MS) {
            if (leftOut > 0) {
                LOG.warn("{} more dead letters or failures were not logged in the last minute; "
                        + "the sink's deadLetters metric counts every dead letter", leftOut);
            }
            windowStartMs = now;
            linesInWindow = 0;
            leftOut = 0;
        }
        if (linesInWindow++ < LINES_PER_MINUTE) {
            LOG.warn("SurrealDB sink {} {}: {}", outcome.type() == SyncEvent.Type.DEAD_LETTER ? "dead letter" : "failed write",
                    outcome.recordId(), abbreviate(outcome.detail()));
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
