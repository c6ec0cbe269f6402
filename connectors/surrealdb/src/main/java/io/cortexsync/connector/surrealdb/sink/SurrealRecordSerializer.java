package io.cortexsync.connector.surrealdb.sink;

import org.apache.flink.annotation.PublicEvolving;

import java.io.Serializable;

/**
 * Turns a stream element into the {@link SurrealWrite} the sink applies. Runs on the sink's task
 * thread; an exception marks that one element as impossible to write (it goes to the dead-letter
 * outcome with the exception's message) and the job continues.
 *
 * @param <T> the stream's element type
 */
@PublicEvolving
@FunctionalInterface
public interface SurrealRecordSerializer<T> extends Serializable {

    /** The write for {@code element}. */
    SurrealWrite serialize(T element);
}
