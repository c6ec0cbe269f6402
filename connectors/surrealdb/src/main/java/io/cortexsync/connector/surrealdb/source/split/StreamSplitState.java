package io.cortexsync.connector.surrealdb.source.split;

import org.apache.flink.annotation.Internal;

import java.util.List;

/**
 * The change stream's position while it is being read, and whether the SNAPSHOT_DONE markers are
 * still due. The chunk watermarks are dropped once the position is past the largest of them: from
 * there on they hold nothing back, and a stream that runs for months should not carry them.
 */
@Internal
public final class StreamSplitState extends SurrealSplitState {

    private final StreamSplit split;
    private final long maxHigh;
    private long position;
    private long processedAtPosition;
    private boolean markersDue;

    public StreamSplitState(StreamSplit split) {
        this.split = split;
        this.maxHigh = split.maxHighWatermark();
        this.position = split.position();
        this.processedAtPosition = split.processedAtPosition();
        this.markersDue = split.marksSnapshotDone();
    }

    public void advanceTo(long position, long processedAtPosition) {
        this.position = position;
        this.processedAtPosition = processedAtPosition;
    }

    /** The SNAPSHOT_DONE markers are emitted. */
    public void markersEmitted() {
        markersDue = false;
    }

    public long position() {
        return position;
    }

    @Override
    public StreamSplit toSurrealSplit() {
        // a change at the largest high watermark itself is held back, so the watermarks matter up to it
        List<ChunkWatermark> watermarks = position > maxHigh ? List.of() : split.chunkWatermarks();
        return new StreamSplit(position, processedAtPosition, watermarks,
                markersDue ? split.snapshotStartedAt() : StreamSplit.NO_MARKERS);
    }
}
