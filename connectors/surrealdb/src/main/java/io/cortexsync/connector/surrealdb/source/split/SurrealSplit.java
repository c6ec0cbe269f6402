package io.cortexsync.connector.surrealdb.source.split;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.connector.source.SourceSplit;

/** A unit of work of the SurrealSource: a snapshot chunk of one table, or the change stream. */
@Internal
public abstract class SurrealSplit implements SourceSplit {

    public boolean isSnapshot() {
        return this instanceof SnapshotSplit;
    }

    public SnapshotSplit asSnapshot() {
        return (SnapshotSplit) this;
    }

    public StreamSplit asStream() {
        return (StreamSplit) this;
    }
}
