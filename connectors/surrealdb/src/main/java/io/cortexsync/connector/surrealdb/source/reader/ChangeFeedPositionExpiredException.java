package io.cortexsync.connector.surrealdb.source.reader;

/** The change stream's position is older than the feed keeps, and the source is set to fail. */
public final class ChangeFeedPositionExpiredException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ChangeFeedPositionExpiredException(String message) {
        super(message);
    }
}
