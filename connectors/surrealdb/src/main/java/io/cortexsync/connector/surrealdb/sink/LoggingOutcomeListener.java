package io.cortexsync.connector.surrealdb.sink;

import io.cortexsync.connector.common.log.RateLimitedLog;
import io.cortexsync.schema.model.SyncEvent;

/**
 * The default {@link SurrealSinkOutcomeListener}: a WARN line with the record id and the reason
 * for every dead letter and failure, so that a user sees them without configuring anything, at
 * most {@link RateLimitedLog#LINES_PER_MINUTE} a minute (the writer's {@code deadLetters} counter
 * has them all); a debug line for the other outcomes but SYNCED (a stale version left alone is
 * expected).
 */
final class LoggingOutcomeListener implements SurrealSinkOutcomeListener {

    private static final long serialVersionUID = 1L;

    static final int LINES_PER_MINUTE = RateLimitedLog.LINES_PER_MINUTE;
    static final int MAX_REASON_CHARS = RateLimitedLog.MAX_REASON_CHARS;

    private final RateLimitedLog log = new RateLimitedLog(SurrealSink.class,
            "{} more dead letters or failures were not logged in the last minute; "
                    + "the sink's deadLetters metric counts every dead letter");

    @Override
    public void onOutcome(SurrealSinkOutcome outcome) {
        SyncEvent.Type type = outcome.type();
        if (type == SyncEvent.Type.DEAD_LETTER || type == SyncEvent.Type.FAILED) {
            log.warn("SurrealDB sink {} {}: {}", type == SyncEvent.Type.DEAD_LETTER ? "dead letter" : "failed write",
                    outcome.recordId(), RateLimitedLog.abbreviate(outcome.detail()));
        } else if (type != SyncEvent.Type.SYNCED && log.logger().isDebugEnabled()) {
            log.logger().debug("{} {}: {}", type, outcome.recordId(), outcome.detail());
        }
    }
}
