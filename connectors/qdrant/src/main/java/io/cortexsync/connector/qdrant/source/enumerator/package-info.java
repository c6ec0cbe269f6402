/** The QdrantSource's split enumerator and its versioned state. */
package io.cortexsync.connector.qdrant.source.enumerator;
