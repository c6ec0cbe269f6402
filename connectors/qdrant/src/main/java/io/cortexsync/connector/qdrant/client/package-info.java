/** Connections to Qdrant's gRPC API: configuration, TLS, API key and channels owned by the job. */
package io.cortexsync.connector.qdrant.client;
