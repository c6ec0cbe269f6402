package io.cortexsync.connector.surrealdb.sink;

import io.cortexsync.schema.model.SyncEvent;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The default {@link SurrealSinkOutcomeListener}: a debug line for every outcome but SYNCED. */
final class LoggingOutcomeListener implements SurrealSinkOutcomeListener {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(SurrealSink.class);

    @Override
    public void onOutcome(SurrealSinkOutcome outcome) {
        if (outcome.type() != SyncEvent.Type.SYNCED && LOG.isDebugEnabled()) {
            LOG.debug("{} {}: {}", outcome.type(), outcome.recordId(), outcome.detail());
        }
    }
}
