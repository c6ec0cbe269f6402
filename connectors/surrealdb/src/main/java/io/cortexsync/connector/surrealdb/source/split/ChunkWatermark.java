package io.cortexsync.connector.surrealdb.source.split;

import org.apache.flink.annotation.Internal;

import java.util.Objects;

/**
 * A snapshot chunk's key range and the versionstamp its emitted content is current at: the stream
 * emits a change of a key in the range only when the change is newer.
 */
@Internal
public final class ChunkWatermark {

    private final String table;
    private final KeyRange range;
    private final long high;

    public ChunkWatermark(String table, KeyRange range, long high) {
        this.table = Objects.requireNonNull(table, "table");
        this.range = Objects.requireNonNull(range, "range");
        this.high = high;
    }

    public String table() {
        return table;
    }

    public KeyRange range() {
        return range;
    }

    public long high() {
        return high;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ChunkWatermark)) {
            return false;
        }
        ChunkWatermark that = (ChunkWatermark) o;
        return high == that.high && table.equals(that.table) && range.equals(that.range);
    }

    @Override
    public int hashCode() {
        return Objects.hash(table, range, high);
    }

    @Override
    public String toString() {
        return table + ":" + range + "@" + high;
    }
}
