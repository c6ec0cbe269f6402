package io.cortexsync.connector.surrealdb.source.event;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.connector.source.SourceEvent;

/**
 * Reader to enumerator: this snapshot chunk is being read (again). After a failover the
 * enumerator may hold a report for it from an attempt the reader's checkpoint does not know; it
 * must wait for the new report.
 */
@Internal
public final class ChunkStartedEvent implements SourceEvent {

    private static final long serialVersionUID = 1L;

    private final String splitId;

    public ChunkStartedEvent(String splitId) {
        this.splitId = splitId;
    }

    public String splitId() {
        return splitId;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChunkStartedEvent && splitId.equals(((ChunkStartedEvent) o).splitId);
    }

    @Override
    public int hashCode() {
        return splitId.hashCode();
    }

    @Override
    public String toString() {
        return "ChunkStartedEvent{" + splitId + '}';
    }
}
