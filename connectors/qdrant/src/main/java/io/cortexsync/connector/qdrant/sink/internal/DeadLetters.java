package io.cortexsync.connector.qdrant.sink.internal;

import io.cortexsync.connector.qdrant.sink.QdrantSinkOutcomeListener;
import io.cortexsync.schema.model.DeadLetter;

import java.time.Instant;

/** Hands a write that can never be applied to the dead-letter handler, and counts it. */
final class DeadLetters {

    private final QdrantSinkOutcomeListener handler;
    private final WriterMetrics metrics;

    DeadLetters(QdrantSinkOutcomeListener handler, WriterMetrics metrics) {
        this.handler = handler;
        this.metrics = metrics;
    }

    void send(String recordId, String raw, String reason) {
        metrics.deadLetter();
        handler.onDeadLetter(DeadLetter.of(raw == null ? "" : raw, reason, QdrantSinkOutcomeListener.STAGE,
                recordId == null || recordId.isBlank() ? null : recordId, Instant.now()));
    }

    void send(PendingPoint point, String reason) {
        send(point.write().recordId(), point.write().raw(), reason);
    }
}
