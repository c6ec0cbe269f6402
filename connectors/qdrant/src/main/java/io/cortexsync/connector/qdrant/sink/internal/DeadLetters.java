package io.cortexsync.connector.qdrant.sink.internal;

import io.cortexsync.connector.qdrant.sink.QdrantSinkOutcomeListener;
import io.cortexsync.schema.model.DeadLetter;

import java.time.Instant;
import java.util.List;

/** Hands a write that can never be applied to the dead-letter handler, counts it, and tells the outcomes. */
final class DeadLetters {

    private final QdrantSinkOutcomeListener handler;
    private final WriterMetrics metrics;
    private final WriteOutcomes outcomes;

    DeadLetters(QdrantSinkOutcomeListener handler, WriterMetrics metrics, WriteOutcomes outcomes) {
        this.handler = handler;
        this.metrics = metrics;
        this.outcomes = outcomes;
    }

    /** An element refused before it became a write. */
    void send(Object element, String recordId, String raw, String reason) {
        send(outcomes.keepsElements() ? List.of(element) : List.of(), recordId, raw, reason);
    }

    void send(PendingPoint point, String reason) {
        send(point.origins(), point.write().recordId(), point.write().raw(), reason);
    }

    private void send(List<Object> elements, String recordId, String raw, String reason) {
        metrics.deadLetter();
        DeadLetter deadLetter = DeadLetter.of(raw == null ? "" : raw, reason, QdrantSinkOutcomeListener.STAGE,
                recordId == null || recordId.isBlank() ? null : recordId, Instant.now());
        handler.onDeadLetter(deadLetter);
        outcomes.deadLettered(elements, deadLetter);
    }
}
