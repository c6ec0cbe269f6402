/**
 * Stream elements as Qdrant writes: {@link io.cortexsync.connector.qdrant.convert.QdrantPointConverter}
 * and the converters of the project's {@code SyncEntity} and {@code EntityChange}.
 */
package io.cortexsync.connector.qdrant.convert;
