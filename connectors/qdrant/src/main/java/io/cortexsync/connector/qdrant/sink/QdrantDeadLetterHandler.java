package io.cortexsync.connector.qdrant.sink;

/**
 * The earlier name of {@link QdrantSinkOutcomeListener}.
 *
 * @deprecated implement {@link QdrantSinkOutcomeListener}; this name goes once no caller uses it.
 */
@Deprecated
@FunctionalInterface
public interface QdrantDeadLetterHandler extends QdrantSinkOutcomeListener {}
