/**
 * The QdrantSource: a bounded FLIP-27 source scrolling a collection in point-id ranges ({@link
 * io.cortexsync.connector.qdrant.source.QdrantSource#builder()}), with {@link
 * io.cortexsync.connector.qdrant.source.QdrantPoint} as its default record.
 */
package io.cortexsync.connector.qdrant.source;
