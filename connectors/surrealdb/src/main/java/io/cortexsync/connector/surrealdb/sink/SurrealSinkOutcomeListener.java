package io.cortexsync.connector.surrealdb.sink;

import org.apache.flink.annotation.PublicEvolving;

import java.io.Serializable;

/**
 * Hears the outcome of every element the sink handles, on the sink's task thread, once the
 * outcome is known (after its batch was written). It must not block for long: the sink waits.
 *
 * <p>The listener is serialized into the job; each parallel writer gets its own copy.
 */
@PublicEvolving
@FunctionalInterface
public interface SurrealSinkOutcomeListener extends Serializable {

    void onOutcome(SurrealSinkOutcome outcome);

    /** Logs conflicts and dead letters at debug level; the sink's metrics count them anyway. */
    static SurrealSinkOutcomeListener logging() {
        return new LoggingOutcomeListener();
    }
}
