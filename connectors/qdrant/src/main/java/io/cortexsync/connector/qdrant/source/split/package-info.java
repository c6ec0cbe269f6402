/** The QdrantSource's splits (point-id ranges), their progress and their versioned serializer. */
package io.cortexsync.connector.qdrant.source.split;
