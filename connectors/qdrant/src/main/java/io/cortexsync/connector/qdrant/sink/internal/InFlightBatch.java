package io.cortexsync.connector.qdrant.sink.internal;

import io.cortexsync.connector.qdrant.convert.QdrantWrite;

import java.util.List;

/**
 * A batch sent and not yet wholly confirmed. Isolating a bad point splits it into several
 * requests; its points stay busy until the last of them is answered.
 */
final class InFlightBatch {

    private final QdrantWrite.Kind kind;
    private final List<PendingPoint> points;
    private int openRequests;

    InFlightBatch(List<PendingPoint> points) {
        this.kind = points.get(0).write().kind();
        this.points = List.copyOf(points);
    }

    QdrantWrite.Kind kind() {
        return kind;
    }

    List<PendingPoint> points() {
        return points;
    }

    void requestSent() {
        openRequests++;
    }

    /** One of its requests is settled; true when it was the last. */
    boolean requestSettled() {
        return --openRequests == 0;
    }
}
