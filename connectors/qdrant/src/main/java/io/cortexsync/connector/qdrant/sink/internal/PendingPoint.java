package io.cortexsync.connector.qdrant.sink.internal;

import io.cortexsync.connector.qdrant.convert.QdrantWrite;

import org.apache.flink.annotation.Internal;

import java.util.ArrayList;
import java.util.List;

/**
 * A write waiting for or in a request, with its encoded size and the number of stream elements it
 * stands for (more than one when it replaced earlier writes of the same point while buffered).
 * When the writer reports outcomes, it also keeps those elements, oldest first, so each of them
 * hears how the write that stands for it ended.
 */
@Internal
public final class PendingPoint {

    private static final int ENVELOPE_BYTES = 8;

    private final QdrantWrite write;
    private final long bytes;
    private final int elements;
    private final List<Object> origins;

    public PendingPoint(QdrantWrite write) {
        this(write, 1, List.of());
    }

    /** A write that remembers the element it came from. */
    public PendingPoint(QdrantWrite write, Object origin) {
        this(write, 1, List.of(origin));
    }

    private PendingPoint(QdrantWrite write, int elements, List<Object> origins) {
        this.write = write;
        this.bytes = ENVELOPE_BYTES + (write.kind() == QdrantWrite.Kind.UPSERT
                ? write.pointSize() : write.id().getSerializedSize());
        this.elements = elements;
        this.origins = origins;
    }

    /** This write in place of {@code earlier}, a write of the same point not yet sent. */
    public PendingPoint replacing(PendingPoint earlier) {
        List<Object> merged = origins;
        if (!earlier.origins.isEmpty()) {
            merged = new ArrayList<>(earlier.origins.size() + origins.size());
            merged.addAll(earlier.origins);
            merged.addAll(origins);
        }
        return new PendingPoint(write, elements + earlier.elements, merged);
    }

    public QdrantWrite write() {
        return write;
    }

    public long bytes() {
        return bytes;
    }

    public int elements() {
        return elements;
    }

    /** The elements this write stands for, oldest first; empty when the writer keeps none. */
    public List<Object> origins() {
        return origins;
    }
}
