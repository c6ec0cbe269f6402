package io.cortexsync.connector.surrealdb.source.split;

import io.cortexsync.connector.surrealdb.client.SurrealRecordId;

import org.apache.flink.annotation.Internal;

import java.util.Objects;
import java.util.Optional;

/**
 * One chunk of a table's snapshot: the records whose keys lie in {@link #range()}.
 *
 * <p>After a restore, {@link #resumeAfter()} holds the last key already emitted and reading
 * continues after it. When the job follows the change feed, {@link #lowWatermark()} is the
 * versionstamp before the interrupted scan began (so the keys emitted before the restore can be
 * brought up to date), and {@link #highWatermark()} is set once the chunk is complete.
 */
@Internal
public final class SnapshotSplit extends SurrealSplit {

    private final String table;
    private final int chunkIndex;
    private final KeyRange range;
    private final Object resumeAfter;
    private final Long lowWatermark;
    private final Long highWatermark;

    public SnapshotSplit(
            String table, int chunkIndex, KeyRange range, Object resumeAfter, Long lowWatermark, Long highWatermark) {
        this.table = Objects.requireNonNull(table, "table");
        this.chunkIndex = chunkIndex;
        this.range = Objects.requireNonNull(range, "range");
        this.resumeAfter = resumeAfter;
        this.lowWatermark = lowWatermark;
        this.highWatermark = highWatermark;
    }

    public SnapshotSplit(String table, int chunkIndex, KeyRange range) {
        this(table, chunkIndex, range, null, null, null);
    }

    @Override
    public String splitId() {
        return splitId(table, chunkIndex);
    }

    public static String splitId(String table, int chunkIndex) {
        return "snapshot:" + table + ":" + chunkIndex;
    }

    public String table() {
        return table;
    }

    public int chunkIndex() {
        return chunkIndex;
    }

    /** The whole chunk's key range, as cut by the enumerator. */
    public KeyRange range() {
        return range;
    }

    /** The last key emitted before the checkpoint this split was restored from, if any. */
    public Optional<Object> resumeAfter() {
        return Optional.ofNullable(resumeAfter);
    }

    /** The versionstamp taken before the scan whose output was partly emitted, if any. */
    public Optional<Long> lowWatermark() {
        return Optional.ofNullable(lowWatermark);
    }

    /** The versionstamp at which the emitted chunk equals the table; empty until it is read. */
    public Optional<Long> highWatermark() {
        return Optional.ofNullable(highWatermark);
    }

    public boolean isFinished() {
        return highWatermark != null;
    }

    /** What is left to read: the whole range, or the part after {@link #resumeAfter()}. */
    public KeyRange remainingRange() {
        return resumeAfter == null ? range : range.after(resumeAfter);
    }

    /** {@link #remainingRange()} as the record-range id a query binds. */
    public SurrealRecordId remainingRangeId() {
        return SurrealRecordId.range(table, remainingRange().toSurrealRange());
    }

    public SnapshotSplit withProgress(Object lastEmitted, Long low) {
        return new SnapshotSplit(table, chunkIndex, range, lastEmitted, low, highWatermark);
    }

    /** This chunk, read completely, whose emitted content equals the table at {@code high}. */
    public SnapshotSplit finishedAt(long high) {
        return new SnapshotSplit(table, chunkIndex, range, null, null, high);
    }

    /** The chunk as cut, without progress: read again from its start. */
    public SnapshotSplit fresh() {
        return new SnapshotSplit(table, chunkIndex, range);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof SnapshotSplit)) {
            return false;
        }
        SnapshotSplit that = (SnapshotSplit) o;
        return chunkIndex == that.chunkIndex
                && table.equals(that.table)
                && range.equals(that.range)
                && Objects.equals(resumeAfter, that.resumeAfter)
                && Objects.equals(lowWatermark, that.lowWatermark)
                && Objects.equals(highWatermark, that.highWatermark);
    }

    @Override
    public int hashCode() {
        return Objects.hash(table, chunkIndex, range, resumeAfter, lowWatermark, highWatermark);
    }

    @Override
    public String toString() {
        return "SnapshotSplit{" + table + "#" + chunkIndex + " " + range
                + (resumeAfter == null ? "" : ", after " + resumeAfter)
                + (lowWatermark == null ? "" : ", low " + lowWatermark)
                + (highWatermark == null ? "" : ", finished at " + highWatermark) + '}';
    }
}
