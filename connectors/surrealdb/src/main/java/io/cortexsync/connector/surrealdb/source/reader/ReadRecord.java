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

    private ReadRecord(SurrealChange change, boolean advancesKey, long low, long position, long processedAtPosition) {
        this.change = change;
        this.advancesKey = advancesKey;
        this.low = low;
        this.position = position;
        this.processedAtPosition = processedAtPosition;
    }

    static ReadRecord snapshot(SurrealChange change, long low) {
        return new ReadRecord(change, true, low, -1, -1);
    }

    /** A change to a key a restored chunk emitted before its checkpoint, bringing it up to date. */
    static ReadRecord replay(SurrealChange change) {
        return new ReadRecord(change, false, -1, -1, -1);
    }

    static ReadRecord stream(SurrealChange change, long position, long processedAtPosition) {
        return new ReadRecord(change, false, -1, position, processedAtPosition);
    }
}
