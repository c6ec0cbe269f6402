package io.cortexsync.connector.qdrant.sink.internal;

import io.cortexsync.connector.qdrant.convert.QdrantWrite;
import io.qdrant.client.grpc.Common.PointId;

import org.apache.flink.annotation.Internal;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The writes not yet sent, one per point: a later write of a point replaces the buffered one
 * (Qdrant would apply them in order, so only the last matters). Batches are taken of one kind
 * (upserts and deletes are separate calls) and skip points that are busy in an unconfirmed
 * request, so that no two requests in flight ever touch the same point.
 */
@Internal
public final class WriteBuffer {

    private final Map<PointId, PendingPoint> writes = new LinkedHashMap<>();
    private long bytes;
    private long oldestArrival;

    public void add(PendingPoint write, long now) {
        if (writes.isEmpty()) {
            oldestArrival = now;
        }
        PendingPoint earlier = writes.get(write.write().id());
        PendingPoint added = earlier == null ? write : write.replacing(earlier);
        if (earlier != null) {
            bytes -= earlier.bytes();
        }
        writes.put(write.write().id(), added);
        bytes += added.bytes();
    }

    /**
     * Removes and returns up to {@code maxPoints} writes of one kind (that of the oldest write not
     * busy) within {@code maxBytes} (at least one write), in arrival order; empty when every
     * buffered write is busy.
     */
    public List<PendingPoint> takeBatch(int maxPoints, long maxBytes, Predicate<PointId> busy) {
        List<PendingPoint> batch = new ArrayList<>(Math.min(maxPoints, writes.size()));
        QdrantWrite.Kind kind = null;
        long batchBytes = 0;
        Iterator<PendingPoint> it = writes.values().iterator();
        while (it.hasNext() && batch.size() < maxPoints) {
            PendingPoint write = it.next();
            if (busy.test(write.write().id()) || (kind != null && write.write().kind() != kind)) {
                continue;
            }
            if (!batch.isEmpty() && batchBytes + write.bytes() > maxBytes) {
                break;
            }
            kind = write.write().kind();
            batch.add(write);
            batchBytes += write.bytes();
            bytes -= write.bytes();
            it.remove();
        }
        return batch;
    }

    /** Whether the buffer holds a full batch, by count or by bytes. */
    public boolean isFull(int batchSize, long maxBytes) {
        return writes.size() >= batchSize || bytes >= maxBytes;
    }

    public boolean isEmpty() {
        return writes.isEmpty();
    }

    public int size() {
        return writes.size();
    }

    /** When the oldest buffered write arrived, roughly (reset when the buffer was last empty). */
    public long oldestArrival() {
        return oldestArrival;
    }
}
