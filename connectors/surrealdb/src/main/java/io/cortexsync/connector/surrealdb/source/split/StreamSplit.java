package io.cortexsync.connector.surrealdb.source.split;

import org.apache.flink.annotation.Internal;

import java.util.List;
import java.util.Objects;

/**
 * The change feed, read from versionstamp {@link #position()} on. {@link #processedAtPosition()}
 * changes at exactly that versionstamp were handled already (a page can end inside one), and
 * {@link #chunkWatermarks()} hold back changes the snapshot chunks already contain. When the split
 * follows a snapshot, {@link #snapshotStartedAt()} says when it started until the reader has
 * emitted its SNAPSHOT_DONE markers.
 */
@Internal
public final class StreamSplit extends SurrealSplit {

    public static final String SPLIT_ID = "changes";

    /** {@link #snapshotStartedAt()} when no SNAPSHOT_DONE markers are due. */
    public static final long NO_MARKERS = -1L;

    private final long position;
    private final long processedAtPosition;
    private final List<ChunkWatermark> chunkWatermarks;
    private final long snapshotStartedAt;

    public StreamSplit(long position, long processedAtPosition, List<ChunkWatermark> chunkWatermarks) {
        this(position, processedAtPosition, chunkWatermarks, NO_MARKERS);
    }

    public StreamSplit(
            long position, long processedAtPosition, List<ChunkWatermark> chunkWatermarks, long snapshotStartedAt) {
        if (position < 0 || processedAtPosition < 0) {
            throw new IllegalArgumentException("position and count must not be negative");
        }
        if (snapshotStartedAt < NO_MARKERS) {
            throw new IllegalArgumentException("snapshot start must be a time or NO_MARKERS: " + snapshotStartedAt);
        }
        this.position = position;
        this.processedAtPosition = processedAtPosition;
        this.chunkWatermarks = List.copyOf(chunkWatermarks);
        this.snapshotStartedAt = snapshotStartedAt;
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

    /**
     * When the snapshot this split follows started (epoch ms), while its SNAPSHOT_DONE markers are
     * still to be emitted; {@link #NO_MARKERS} otherwise.
     */
    public long snapshotStartedAt() {
        return snapshotStartedAt;
    }

    public boolean marksSnapshotDone() {
        return snapshotStartedAt != NO_MARKERS;
    }

    /** The largest high watermark of the chunks; -1 without any. */
    public long maxHighWatermark() {
        long max = -1;
        for (ChunkWatermark w : chunkWatermarks) {
            max = Math.max(max, w.high());
        }
        return max;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof StreamSplit)) {
            return false;
        }
        StreamSplit that = (StreamSplit) o;
        return position == that.position
                && processedAtPosition == that.processedAtPosition
                && snapshotStartedAt == that.snapshotStartedAt
                && chunkWatermarks.equals(that.chunkWatermarks);
    }

    @Override
    public int hashCode() {
        return Objects.hash(position, processedAtPosition, chunkWatermarks, snapshotStartedAt);
    }

    @Override
    public String toString() {
        return "StreamSplit{at " + position + " (+" + processedAtPosition + "), " + chunkWatermarks.size() + " chunk watermarks"
                + (marksSnapshotDone() ? ", snapshot started at " + snapshotStartedAt : "") + '}';
    }
}
