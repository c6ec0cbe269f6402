/** The QdrantSource's reader: one fetcher thread scrolling point-id ranges page by page. */
package io.cortexsync.connector.qdrant.source.reader;
