package io.cortexsync.connector.surrealdb.sink.internal;

import org.apache.flink.annotation.Internal;

import java.util.ArrayList;
import java.util.List;

/**
 * The writes waiting for the next batch, in arrival order, with their bytes and the time the
 * oldest arrived. Writes to the same record stay in order, so the last one wins when the batch
 * runs as one transaction.
 */
@Internal
public final class WriteBuffer {

    private final int maxRecords;
    private final long maxBytes;
    private List<PendingWrite> writes = new ArrayList<>();
    private long bytes;
    private long oldestArrival;

    public WriteBuffer(int maxRecords, long maxBytes) {
        this.maxRecords = maxRecords;
        this.maxBytes = maxBytes;
    }

    /** Whether adding {@code write} would take a non-empty buffer over its byte limit. */
    public boolean wouldOverflow(PendingWrite write) {
        return !writes.isEmpty() && bytes + write.bytes() > maxBytes;
    }

    public void add(PendingWrite write, long now) {
        if (writes.isEmpty()) {
            oldestArrival = now;
        }
        writes.add(write);
        bytes += write.bytes();
    }

    /** Whether the buffer holds a full batch, by count or by bytes. */
    public boolean isFull() {
        return writes.size() >= maxRecords || bytes >= maxBytes;
    }

    public boolean isEmpty() {
        return writes.isEmpty();
    }

    public int size() {
        return writes.size();
    }

    public long bytes() {
        return bytes;
    }

    /** When the oldest buffered write arrived; meaningless when empty. */
    public long oldestArrival() {
        return oldestArrival;
    }

    /** Everything buffered, in order; the buffer is empty afterwards. */
    public List<PendingWrite> drain() {
        List<PendingWrite> drained = writes;
        writes = new ArrayList<>();
        bytes = 0;
        return drained;
    }
}
