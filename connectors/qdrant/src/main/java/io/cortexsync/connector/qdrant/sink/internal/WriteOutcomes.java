package io.cortexsync.connector.qdrant.sink.internal;

import io.cortexsync.schema.model.DeadLetter;

import org.apache.flink.annotation.Internal;

import java.util.List;

/**
 * Hears, on the task thread, how each element's write ended. The plain sink only counts; the
 * confirming writer turns these into its output.
 */
@Internal
public interface WriteOutcomes {

    /** Whether the writer must keep each element with its write ({@link PendingPoint#origins()}). */
    boolean keepsElements();

    /** Qdrant confirmed the write standing for these elements. */
    void written(List<Object> elements);

    /** The write standing for these elements went to the dead-letter output. */
    void deadLettered(List<Object> elements, DeadLetter deadLetter);

    /** Outcomes nobody asked for: the plain sink's. */
    WriteOutcomes NONE = new WriteOutcomes() {
        @Override
        public boolean keepsElements() {
            return false;
        }

        @Override
        public void written(List<Object> elements) {}

        @Override
        public void deadLettered(List<Object> elements, DeadLetter deadLetter) {}
    };
}
