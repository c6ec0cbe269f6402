/**
 * {@link io.cortexsync.connector.surrealdb.sink.SurrealSink}: a Flink sink that upserts and deletes
 * SurrealDB records by id in batches of one transaction each, flushed before every checkpoint
 * (at-least-once delivery of idempotent writes), with an optional version guard.
 *
 * <p>A {@link io.cortexsync.connector.surrealdb.sink.SurrealRecordSerializer} turns elements into
 * {@link io.cortexsync.connector.surrealdb.sink.SurrealWrite}s; the built-in ones write the
 * project's {@code SyncEntity} and {@code EntityChange}. A
 * {@link io.cortexsync.connector.surrealdb.sink.SurrealSinkOutcomeListener} hears whether each
 * element was synced, lost to a newer version (CONFLICT) or could never be written (DEAD_LETTER:
 * too large, unserializable, or rejected by the server for its content, found by writing the
 * failed batch again in halves).
 */
package io.cortexsync.connector.surrealdb.sink;
