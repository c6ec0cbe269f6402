/**
 * What the SurrealDB and Qdrant connectors share, so that neither copies the other: retry
 * backoff and failure classification, the wait a split reader's fetch may be woken from, the
 * checks of the builders, the naming rule of option keys, the metric names of the sinks and the
 * rate-limited log of dead letters.
 */
package io.cortexsync.connector.common;
