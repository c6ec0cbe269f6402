/**
 * A SurrealDB client for the connectors: RPC over HTTP with CBOR bodies ({@link
 * io.cortexsync.connector.surrealdb.client.SurrealClient}), configured by {@link
 * io.cortexsync.connector.surrealdb.client.SurrealConnectionConfig}.
 *
 * <p>Values never enter SurrealQL text: they are bound as variables, record ids as {@link
 * io.cortexsync.connector.surrealdb.client.SurrealRecordId} values (CBOR tag 8) and tables through
 * {@code type::table($tb)}. Batches of {@link io.cortexsync.connector.surrealdb.client.Statement}s
 * are cut by {@link io.cortexsync.connector.surrealdb.client.RequestSizer} so that no request
 * exceeds the server's body limit.
 */
package io.cortexsync.connector.surrealdb.client;
