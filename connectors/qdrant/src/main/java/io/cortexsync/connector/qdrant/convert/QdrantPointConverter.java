package io.cortexsync.connector.qdrant.convert;

import java.io.Serializable;

/**
 * Turns a stream element into the write the sink applies. May throw {@link
 * InvalidPointException} for an element that can never be written: it goes to the dead-letter
 * output and the job goes on.
 *
 * @param <T> the stream's element type
 */
@FunctionalInterface
public interface QdrantPointConverter<T> extends Serializable {

    QdrantWrite convert(T element);
}
