/** The Qdrant sink's machinery: buffer, batching, retries, isolation of bad points, metrics. Not public API. */
package io.cortexsync.connector.qdrant.sink.internal;
