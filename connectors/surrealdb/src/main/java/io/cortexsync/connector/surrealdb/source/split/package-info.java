/** Splits (snapshot chunks and the change stream), their mutable state and their versioned serializer. */
package io.cortexsync.connector.surrealdb.source.split;
