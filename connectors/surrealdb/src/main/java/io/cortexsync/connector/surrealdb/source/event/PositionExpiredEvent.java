package io.cortexsync.connector.surrealdb.source.event;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.connector.source.SourceEvent;

/**
 * Reader to enumerator: the change stream's position fell out of the feed's retention and the
 * source is configured to read the tables again; the reader has dropped its stream split.
 */
@Internal
public final class PositionExpiredEvent implements SourceEvent {

    private static final long serialVersionUID = 1L;

    private final String reason;

    public PositionExpiredEvent(String reason) {
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }

    @Override
    public String toString() {
        return "PositionExpiredEvent{" + reason + '}';
    }
}
