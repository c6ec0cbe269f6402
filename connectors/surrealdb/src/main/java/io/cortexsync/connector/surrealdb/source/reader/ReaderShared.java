package io.cortexsync.connector.surrealdb.source.reader;

import io.cortexsync.connector.surrealdb.source.split.StreamSplitState;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the fetcher thread tells the reader's task thread besides records: the high watermark of
 * each chunk it finished, where the stream stands, and why a stream split ended.
 */
final class ReaderShared {

    private final Map<String, Long> chunkHighs = new ConcurrentHashMap<>();
    private volatile StreamSplitState streamState;
    private volatile long latestPosition = -1;
    private volatile boolean caughtUp;
    private volatile String expiry;

    void chunkFinished(String splitId, long high) {
        chunkHighs.put(splitId, high);
    }

    Long takeChunkHigh(String splitId) {
        return chunkHighs.remove(splitId);
    }

    void streamStarted(StreamSplitState state) {
        this.streamState = state;
    }

    /** Runs on the task thread once every record of a page is emitted. */
    void applyStreamProgress(long position, long processedAtPosition) {
        StreamSplitState state = streamState;
        if (state != null && position >= state.position()) {
            state.advanceTo(position, processedAtPosition);
        }
    }

    /** Where the stream stands after a page, and whether that page reached the end of the feed. */
    void streamPosition(long position, boolean caughtUp) {
        latestPosition = position;
        this.caughtUp = caughtUp;
    }

    boolean caughtUp() {
        return caughtUp;
    }

    long latestPosition() {
        return latestPosition;
    }

    void streamExpired(String reason) {
        expiry = reason;
    }

    String takeExpiry() {
        String reason = expiry;
        expiry = null;
        streamState = null;
        latestPosition = -1;
        return reason;
    }
}
