package io.cortexsync.connector.surrealdb.source.split;

import org.apache.flink.annotation.Internal;

/** A snapshot chunk being emitted: the last key emitted, and the high watermark once complete. */
@Internal
public final class SnapshotSplitState extends SurrealSplitState {

    private final SnapshotSplit split;
    private Object lastEmitted;
    private Long lowWatermark;
    private Long highWatermark;

    public SnapshotSplitState(SnapshotSplit split) {
        this.split = split;
        this.lastEmitted = split.resumeAfter().orElse(null);
        this.lowWatermark = split.lowWatermark().orElse(null);
        this.highWatermark = split.highWatermark().orElse(null);
    }

    public SnapshotSplit split() {
        return split;
    }

    public void emitted(Object key) {
        lastEmitted = key;
    }

    /** The scan that is being emitted started after {@code low}. */
    public void scannedAfter(long low) {
        if (lowWatermark == null) {
            lowWatermark = low;
        }
    }

    public void finishedAt(long high) {
        highWatermark = high;
    }

    public Long highWatermark() {
        return highWatermark;
    }

    @Override
    public SnapshotSplit toSurrealSplit() {
        if (highWatermark != null) {
            return split.finishedAt(highWatermark);
        }
        return split.withProgress(lastEmitted, lastEmitted == null ? null : lowWatermark);
    }
}
