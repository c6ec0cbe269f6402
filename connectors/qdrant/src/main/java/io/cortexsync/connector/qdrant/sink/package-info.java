/**
 * {@link io.cortexsync.connector.qdrant.sink.QdrantSink}: a Flink sink that upserts and deletes
 * Qdrant points in adaptive batches, several in flight without reordering writes of one point,
 * confirmed before every checkpoint; transient failures retried with backoff, bad points isolated
 * and handed to a {@link io.cortexsync.connector.qdrant.sink.QdrantSinkOutcomeListener}.
 */
package io.cortexsync.connector.qdrant.sink;
