package io.cortexsync.connector.qdrant.source.reader;

import io.cortexsync.connector.qdrant.source.QdrantPointId;
import io.qdrant.client.grpc.Points.RetrievedPoint;

/** A point of a scroll page with the offset that follows it in its split; null when it ends the split. */
final class ScrolledPoint {

    final RetrievedPoint point;
    final QdrantPointId next;

    ScrolledPoint(RetrievedPoint point, QdrantPointId next) {
        this.point = point;
        this.next = next;
    }
}
