/**
 * CBOR as SurrealDB speaks it: {@link io.cortexsync.connector.surrealdb.client.cbor.CborReader}
 * and {@link io.cortexsync.connector.surrealdb.client.cbor.CborWriter} with SurrealDB's tags
 * ({@link io.cortexsync.connector.surrealdb.client.cbor.SurrealTags}) mapped to Java types.
 */
package io.cortexsync.connector.surrealdb.client.cbor;
