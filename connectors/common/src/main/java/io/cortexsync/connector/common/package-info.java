/**
 * What the SurrealDB and Qdrant connectors share, so that neither copies the other: retry
 * backoff and failure classification, the wait a split reader's fetch may be woken from, the
 * checks of the builders, the naming rule of option keys and type information over state-schemas'
 * serializers.
 */
package io.cortexsync.connector.common;
