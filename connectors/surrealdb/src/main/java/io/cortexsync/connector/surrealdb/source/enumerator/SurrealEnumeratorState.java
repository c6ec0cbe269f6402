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
 * assigned, the high watermarks of the chunks reported finished, whether the change stream split
 * exists, whether a re-snapshot is under way (in the modes that start without one), and when the
 * current snapshot started ({@link #NOT_STARTED} before it does).
 */
@Internal
public final class SurrealEnumeratorState {

    private final boolean chunked;
    private final List<SnapshotSplit> chunks;
    private final List<SurrealSplit> unassigned;
    private final Map<String, Long> finishedHighs;
    private final boolean streamCreated;
    private final boolean resnapshotting;
    private final long snapshotStartedAt;

    /** {@link #snapshotStartedAt()} before a snapshot starts, and in state written before it was kept. */
    public static final long NOT_STARTED = -1L;

    public SurrealEnumeratorState(
            boolean chunked,
            List<SnapshotSplit> chunks,
            List<SurrealSplit> unassigned,
            Map<String, Long> finishedHighs,
            boolean streamCreated) {
        this(chunked, chunks, unassigned, finishedHighs, streamCreated, false, NOT_STARTED);
    }

    public SurrealEnumeratorState(
            boolean chunked,
            List<SnapshotSplit> chunks,
            List<SurrealSplit> unassigned,
            Map<String, Long> finishedHighs,
            boolean streamCreated,
            boolean resnapshotting,
            long snapshotStartedAt) {
        this.chunked = chunked;
        this.chunks = List.copyOf(chunks);
        this.unassigned = List.copyOf(unassigned);
        this.finishedHighs = new LinkedHashMap<>(finishedHighs);
        this.streamCreated = streamCreated;
        this.resnapshotting = resnapshotting;
        this.snapshotStartedAt = snapshotStartedAt;
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

    /** Whether the tables are being read again after the feed position expired. */
    public boolean resnapshotting() {
        return resnapshotting;
    }

    /** When the current (or last) snapshot began to be cut, epoch ms; {@link #NOT_STARTED} if unknown. */
    public long snapshotStartedAt() {
        return snapshotStartedAt;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof SurrealEnumeratorState)) {
            return false;
        }
        SurrealEnumeratorState that = (SurrealEnumeratorState) o;
        return chunked == that.chunked
                && streamCreated == that.streamCreated
                && resnapshotting == that.resnapshotting
                && snapshotStartedAt == that.snapshotStartedAt
                && chunks.equals(that.chunks)
                && unassigned.equals(that.unassigned)
                && finishedHighs.equals(that.finishedHighs);
    }

    @Override
    public int hashCode() {
        return Objects.hash(chunked, chunks, unassigned, finishedHighs, streamCreated, resnapshotting, snapshotStartedAt);
    }

    @Override
    public String toString() {
        return "SurrealEnumeratorState{chunked=" + chunked + ", chunks=" + chunks.size()
                + ", unassigned=" + unassigned.size() + ", finished=" + finishedHighs.size()
                + ", streamCreated=" + streamCreated + ", resnapshotting=" + resnapshotting
                + ", snapshotStartedAt=" + snapshotStartedAt + '}';
    }
}
