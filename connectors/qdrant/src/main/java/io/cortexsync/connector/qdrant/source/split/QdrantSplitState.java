package io.cortexsync.connector.qdrant.source.split;

import io.cortexsync.connector.qdrant.source.QdrantPointId;

import org.apache.flink.annotation.Internal;

/** The progress of a split being read: the offset after the last emitted point, or that it is done. */
@Internal
public final class QdrantSplitState {

    private final QdrantSplit split;
    private QdrantPointId nextOffset;
    private boolean finished;

    public QdrantSplitState(QdrantSplit split) {
        this.split = split;
        this.nextOffset = split.nextOffset().orElse(null);
        this.finished = split.isFinished();
    }

    public QdrantSplit split() {
        return split;
    }

    /** A point was emitted; reading goes on at {@code next}, or nowhere when null (the range is done). */
    public void emitted(QdrantPointId next) {
        if (next == null) {
            finished = true;
        } else {
            nextOffset = next;
        }
    }

    public QdrantSplit toSplit() {
        return finished ? split.asFinished() : split.withNextOffset(nextOffset);
    }
}
