package io.cortexsync.connector.qdrant.sink;

import io.cortexsync.schema.model.DeadLetter;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The default {@link QdrantSinkOutcomeListener}: one WARN line per dead letter, without its content. */
final class LoggingDeadLetterHandler implements QdrantSinkOutcomeListener {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(QdrantSink.class);

    @Override
    public void onDeadLetter(DeadLetter deadLetter) {
        LOG.warn("Dead letter {}: {}", deadLetter.recordId(), deadLetter.reason());
    }
}
