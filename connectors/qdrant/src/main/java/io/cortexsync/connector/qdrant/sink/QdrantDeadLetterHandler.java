package io.cortexsync.connector.qdrant.sink;

import io.cortexsync.schema.model.DeadLetter;

import java.io.Serializable;

/**
 * Receives every element the sink could not write (stage {@code qdrant-sink}), with the reason:
 * Qdrant's message or the sink's own check. Called on the writer's task thread; it must not block
 * for long. Serialized into the job: each parallel writer opens its own copy.
 */
@FunctionalInterface
public interface QdrantDeadLetterHandler extends Serializable {

    /** The stage named on the sink's dead letters. */
    String STAGE = "qdrant-sink";

    default void open(int subtaskIndex, int parallelism) {}

    void onDeadLetter(DeadLetter deadLetter);

    default void close() {}

    /** Logs each dead letter's record id and reason at WARN; the sink's metrics count them. */
    static QdrantDeadLetterHandler logging() {
        return new LoggingDeadLetterHandler();
    }
}
