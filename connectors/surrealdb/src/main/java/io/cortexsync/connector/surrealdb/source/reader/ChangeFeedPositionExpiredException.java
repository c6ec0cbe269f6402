package io.cortexsync.connector.surrealdb.source.reader;


import org.apache.flink.annotation.PublicEvolving;
/** The change stream's position is older than the feed keeps, and the source is set to fail. */
@PublicEvolving
public final class ChangeFeedPositionExpiredException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ChangeFeedPositionExpiredException(String message) {
        super(message);
    }
}
