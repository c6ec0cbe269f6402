package io.cortexsync.connector.surrealdb.source.split;

import org.apache.flink.annotation.Internal;

/** The change stream's position while it is being read. */
@Internal
public final class StreamSplitState extends SurrealSplitState {

    private final StreamSplit split;
    private long position;
    private long processedAtPosition;

    public StreamSplitState(StreamSplit split) {
        this.split = split;
        this.position = split.position();
        this.processedAtPosition = split.processedAtPosition();
    }

    public void advanceTo(long position, long processedAtPosition) {
        this.position = position;
        this.processedAtPosition = processedAtPosition;
    }

    public long position() {
        return position;
    }

    @Override
    public StreamSplit toSurrealSplit() {
        return new StreamSplit(position, processedAtPosition, split.chunkWatermarks());
    }
}
