package io.cortexsync.connector.qdrant.sink;

import io.cortexsync.schema.model.DeadLetter;

import org.apache.flink.annotation.PublicEvolving;

import java.io.Serializable;
import java.time.Instant;

/**
 * What {@link QdrantConfirmedWrites} emits for an element once its write has ended: confirmed by
 * Qdrant, or sent to the dead-letter output. Called on the task thread; serialized into the job.
 *
 * @param <T> the written stream's element type
 * @param <OUT> what is emitted
 */
@PublicEvolving
public interface QdrantWriteOutcomeMapper<T, OUT> extends Serializable {

    /** Qdrant confirmed the write of {@code element} (or of a later element of the same point that replaced it). */
    OUT written(T element, Instant confirmedAt);

    /** The write of {@code element} went to the dead-letter output as {@code deadLetter}. */
    OUT deadLettered(T element, DeadLetter deadLetter);
}
