package io.cortexsync.connector.surrealdb.source.split;

import org.apache.flink.annotation.Internal;

/** The mutable progress of a split while a reader works on it. */
@Internal
public abstract class SurrealSplitState {

    /** The split as it must be restored: continuing where this state stands. */
    public abstract SurrealSplit toSurrealSplit();

    public static SurrealSplitState of(SurrealSplit split) {
        return split.isSnapshot()
                ? new SnapshotSplitState(split.asSnapshot())
                : new StreamSplitState(split.asStream());
    }
}
