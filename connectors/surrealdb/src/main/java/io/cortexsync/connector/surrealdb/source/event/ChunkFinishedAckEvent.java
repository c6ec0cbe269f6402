package io.cortexsync.connector.surrealdb.source.event;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.connector.source.SourceEvent;

import java.util.Set;

/** Enumerator to reader: the enumerator keeps these finished chunks; the reader may forget them. */
@Internal
public final class ChunkFinishedAckEvent implements SourceEvent {

    private static final long serialVersionUID = 1L;

    private final Set<String> splitIds;

    public ChunkFinishedAckEvent(Set<String> splitIds) {
        this.splitIds = Set.copyOf(splitIds);
    }

    public Set<String> splitIds() {
        return splitIds;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChunkFinishedAckEvent && splitIds.equals(((ChunkFinishedAckEvent) o).splitIds);
    }

    @Override
    public int hashCode() {
        return splitIds.hashCode();
    }

    @Override
    public String toString() {
        return "ChunkFinishedAckEvent" + splitIds;
    }
}
