/**
 * The dual-write sink: a Sink V2 two-phase commit that lands each {@code EntityChange} in
 * SurrealDB, then in Qdrant, with the Flink checkpoint as its write-ahead log. Start at {@link
 * io.cortexsync.connector.dualwrite.DualWriteSink#builder()}.
 */
package io.cortexsync.connector.dualwrite;
