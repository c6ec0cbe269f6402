package io.cortexsync.connector.qdrant.sink.internal;

import io.cortexsync.connector.qdrant.convert.QdrantWrite;

import org.apache.flink.annotation.Internal;

/**
 * A write waiting for or in a request, with its encoded size and the number of stream elements it
 * stands for (more than one when it replaced earlier writes of the same point while buffered).
 */
@Internal
public final class PendingPoint {

    private static final int ENVELOPE_BYTES = 8;

    private final QdrantWrite write;
    private final long bytes;
    private final int elements;

    public PendingPoint(QdrantWrite write) {
        this(write, 1);
    }

    private PendingPoint(QdrantWrite write, int elements) {
        this.write = write;
        this.bytes = ENVELOPE_BYTES + (write.kind() == QdrantWrite.Kind.UPSERT
                ? write.pointSize() : write.id().getSerializedSize());
        this.elements = elements;
    }

    /** This write in place of {@code earlier}, a write of the same point not yet sent. */
    public PendingPoint replacing(PendingPoint earlier) {
        return new PendingPoint(write, elements + earlier.elements);
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
}
