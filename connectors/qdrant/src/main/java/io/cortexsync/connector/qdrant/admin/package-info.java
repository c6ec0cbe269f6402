/**
 * Administration of the Qdrant collection a job writes to: create or check it ({@link
 * io.cortexsync.connector.qdrant.admin.QdrantCollectionAdmin#ensureCollection}), index {@code
 * _table}, and switch HNSW indexing off during a bulk load.
 */
package io.cortexsync.connector.qdrant.admin;
