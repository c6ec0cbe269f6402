package io.cortexsync.connector.qdrant.sink;

import io.cortexsync.schema.model.DeadLetter;

import org.apache.flink.annotation.PublicEvolving;

import java.io.Serializable;

/**
 * Hears the outcomes of the sink that need attention: every element it could not write (stage
 * {@code qdrant-sink}), with the reason, Qdrant's message or the sink's own check. Written
 * elements are counted, not reported. The Qdrant side of {@code SurrealSinkOutcomeListener}.
 * Called on the writer's task thread; it must not block for long. Serialized into the job: each
 * parallel writer opens its own copy.
 */
@PublicEvolving
@FunctionalInterface
public interface QdrantSinkOutcomeListener extends Serializable {

    /** The stage named on the sink's dead letters. */
    String STAGE = "qdrant-sink";

    default void open(int subtaskIndex, int parallelism) {}

    void onDeadLetter(DeadLetter deadLetter);

    default void close() {}

    /** Logs each dead letter's record id and reason at WARN; the sink's metrics count them. */
    static QdrantSinkOutcomeListener logging() {
        return new LoggingOutcomeListener();
    }
}
