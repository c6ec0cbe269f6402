package io.cortexsync.connector.surrealdb.source.reader;

import io.cortexsync.connector.surrealdb.source.record.SurrealChange;

/**
 * A change handed from the split reader to the emitter, with the split progress it leaves behind:
 * for a snapshot chunk, the low watermark of the scan it came from; for the change stream, the
 * position and the count of changes handled at it.
 */
final class ReadRecord {

    final SurrealChange change;
    /** Whether this record moves the chunk's "last emitted key" (replays of earlier keys do not). */
    final boolean advancesKey;
    final long low;
    final long position;
    final long processedAtPosition;
    /** Whether this is the last SNAPSHOT_DONE marker of a stream split: the markers are all out once it is. */
    final boolean lastMarker;

    private ReadRecord(
            SurrealChange change, boolean advancesKey, long low, long position, long processedAtPosition, boolean lastMarker) {
        this.change = change;
        this.advancesKey = advancesKey;
        this.low = low;
        this.position = position;
        this.processedAtPosition = processedAtPosition;
        this.lastMarker = lastMarker;
    }

    static ReadRecord snapshot(SurrealChange change, long low) {
        return new ReadRecord(change, true, low, -1, -1, false);
    }

    /** A change to a key a restored chunk emitted before its checkpoint, bringing it up to date. */
    static ReadRecord replay(SurrealChange change) {
        return new ReadRecord(change, false, -1, -1, -1, false);
    }

    static ReadRecord stream(SurrealChange change, long position, long processedAtPosition) {
        return new ReadRecord(change, false, -1, position, processedAtPosition, false);
    }

    /** A SNAPSHOT_DONE marker, emitted by a stream split before any change. */
    static ReadRecord marker(SurrealChange marker, long position, long processedAtPosition, boolean last) {
        return new ReadRecord(marker, false, -1, position, processedAtPosition, last);
    }
}
