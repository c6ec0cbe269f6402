package io.cortexsync.connector.surrealdb.source.enumerator;

import io.cortexsync.connector.surrealdb.source.split.SnapshotSplit;
import io.cortexsync.connector.surrealdb.source.split.SurrealSplit;

import org.apache.flink.annotation.Internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the enumerator checkpoints: whether the tables are cut yet, every chunk, the splits not yet
 * assigned, the high watermarks of the chunks reported finished, and whether the change stream
 * split exists.
 */
@Internal
public final class SurrealEnumeratorState {

    private final boolean chunked;
    private final List<SnapshotSplit> chunks;
    private final List<SurrealSplit> unassigned;
    private final Map<String, Long> finishedHighs;
    private final boolean streamCreated;

    public SurrealEnumeratorState(
            boolean chunked,
            List<SnapshotSplit> chunks,
            List<SurrealSplit> unassigned,
            Map<String, Long> finishedHighs,
            boolean streamCreated) {
        this.chunked = chunked;
        this.chunks = List.copyOf(chunks);
        this.unassigned = List.copyOf(unassigned);
        this.finishedHighs = new LinkedHashMap<>(finishedHighs);
        this.streamCreated = streamCreated;
    }

    public static SurrealEnumeratorState initial() {
        return new SurrealEnumeratorState(false, List.of(), List.of(), Map.of(), false);
    }

    public boolean chunked() {
        return chunked;
    }

    public List<SnapshotSplit> chunks() {
        return chunks;
    }

    public List<SurrealSplit> unassigned() {
        return unassigned;
    }

    public Map<String, Long> finishedHighs() {
        return finishedHighs;
    }

    public boolean streamCreated() {
        return streamCreated;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof SurrealEnumeratorState)) {
            return false;
        }
        SurrealEnumeratorState that = (SurrealEnumeratorState) o;
        return chunked == that.chunked
                && streamCreated == that.streamCreated
                && chunks.equals(that.chunks)
                && unassigned.equals(that.unassigned)
                && finishedHighs.equals(that.finishedHighs);
    }

    @Override
    public int hashCode() {
        return Objects.hash(chunked, chunks, unassigned, finishedHighs, streamCreated);
    }

    @Override
    public String toString() {
        return "SurrealEnumeratorState{chunked=" + chunked + ", chunks=" + chunks.size()
                + ", unassigned=" + unassigned.size() + ", finished=" + finishedHighs.size()
                + ", streamCreated=" + streamCreated + '}';
    }
}
