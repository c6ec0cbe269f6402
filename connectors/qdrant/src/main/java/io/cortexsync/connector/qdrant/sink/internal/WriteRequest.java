package io.cortexsync.connector.qdrant.sink.internal;

import java.util.List;

/** One attempt at one gRPC call: all of a batch or, while a bad point is isolated, a part of it. */
record WriteRequest(InFlightBatch batch, List<PendingPoint> points, int attempt) {

    WriteRequest nextAttempt() {
        return new WriteRequest(batch, points, attempt + 1);
    }

    /** The two halves, each a first attempt. */
    List<WriteRequest> halves() {
        int middle = points.size() / 2;
        return List.of(
                new WriteRequest(batch, points.subList(0, middle), 1),
                new WriteRequest(batch, points.subList(middle, points.size()), 1));
    }
}
