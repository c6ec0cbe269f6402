package io.cortexsync.connector.qdrant.convert;

import org.apache.flink.annotation.PublicEvolving;

import java.io.Serializable;

/**
 * Turns a stream element into the write the sink applies. May throw {@link
 * InvalidPointException} for an element that can never be written: it goes to the dead-letter
 * output and the job goes on.
 *
 * @param <T> the stream's element type
 */
@PublicEvolving
@FunctionalInterface
public interface QdrantPointConverter<T> extends Serializable {

    QdrantWrite convert(T element);
}
