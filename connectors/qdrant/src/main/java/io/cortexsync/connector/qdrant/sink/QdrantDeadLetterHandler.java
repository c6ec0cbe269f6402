package io.cortexsync.connector.qdrant.sink;

import org.apache.flink.annotation.PublicEvolving;

/**
 * The earlier name of {@link QdrantSinkOutcomeListener}.
 *
 * @deprecated implement {@link QdrantSinkOutcomeListener}; this name goes once no caller uses it.
 */
@PublicEvolving
@Deprecated
@FunctionalInterface
public interface QdrantDeadLetterHandler extends QdrantSinkOutcomeListener {}
