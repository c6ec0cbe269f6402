package io.cortexsync.connector.dualwrite.commit;

import io.cortexsync.schema.model.EntityChange;

import org.apache.flink.annotation.Internal;

import java.util.Objects;

/** A change waiting for its commit, with when it entered the job (for the events' latency). */
@Internal
public record PendingChange(EntityChange change, long ingestMillis) {

    public PendingChange {
        Objects.requireNonNull(change, "change");
    }
}
