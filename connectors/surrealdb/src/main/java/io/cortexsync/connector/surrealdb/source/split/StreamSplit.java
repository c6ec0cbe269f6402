package io.cortexsync.connector.surrealdb.source.split;

import org.apache.flink.annotation.Internal;

import java.util.List;
import java.util.Objects;

/**
 * The change feed, read from versionstamp {@link #position()} on. {@link #processedAtPosition()}
 * changes at exactly that versionstamp were handled already (a page can end inside one), and
 * {@link #chunkWatermarks()} hold back changes the snapshot chunks already contain.
 */
@Internal
public final class StreamSplit extends SurrealSplit {

    public static final String SPLIT_ID = "changes";

    private final long position;
    private final long processedAtPosition;
    private final List<ChunkWatermark> chunkWatermarks;

    public StreamSplit(long position, long processedAtPosition, List<ChunkWatermark> chunkWatermarks) {
        if (position < 0 || processedAtPosition < 0) {
            throw new IllegalArgumentException("position and count must not be negative");
        }
        this.position = position;
        this.processedAtPosition = processedAtPosition;
        this.chunkWatermarks = List.copyOf(chunkWatermarks);
    }

    @Override
    public String splitId() {
        return SPLIT_ID;
    }

    /** The versionstamp the next {@code SHOW CHANGES ... SINCE} starts at (inclusive). */
    public long position() {
        return position;
    }

    public long processedAtPosition() {
        return processedAtPosition;
    }

    public List<ChunkWatermark> chunkWatermarks() {
        return chunkWatermarks;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof StreamSplit)) {
            return false;
        }
        StreamSplit that = (StreamSplit) o;
        return position == that.position
                && processedAtPosition == that.processedAtPosition
                && chunkWatermarks.equals(that.chunkWatermarks);
    }

    @Override
    public int hashCode() {
        return Objects.hash(position, processedAtPosition, chunkWatermarks);
    }

    @Override
    public String toString() {
        return "StreamSplit{at " + position + " (+" + processedAtPosition + "), " + chunkWatermarks.size() + " chunk watermarks}";
    }
}
