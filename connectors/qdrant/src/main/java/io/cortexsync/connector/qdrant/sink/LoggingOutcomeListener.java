package io.cortexsync.connector.qdrant.sink;

import io.cortexsync.connector.common.log.RateLimitedLog;
import io.cortexsync.schema.model.DeadLetter;

/**
 * The default {@link QdrantSinkOutcomeListener}: a WARN line with the record id and the reason of
 * each dead letter, never its content (the element holds the whole vector), at most
 * {@link RateLimitedLog#LINES_PER_MINUTE} a minute (the writer's {@code deadLetters} counter has
 * them all).
 */
final class LoggingOutcomeListener implements QdrantSinkOutcomeListener {

    private static final long serialVersionUID = 1L;

    static final int LINES_PER_MINUTE = RateLimitedLog.LINES_PER_MINUTE;
    static final int MAX_REASON_CHARS = RateLimitedLog.MAX_REASON_CHARS;

    private final RateLimitedLog log = new RateLimitedLog(QdrantSink.class,
            "{} more dead letters were not logged in the last minute; the sink's deadLetters metric counts them all");

    @Override
    public void onDeadLetter(DeadLetter deadLetter) {
        log.warn("Qdrant sink dead letter {}: {}", deadLetter.recordId(), RateLimitedLog.abbreviate(deadLetter.reason()));
    }
}
