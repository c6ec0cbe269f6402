package io.cortexsync.connector.surrealdb.client;

import org.apache.flink.annotation.PublicEvolving;

/**
 * What a client has done since it was created, e.g. for a connector's metric group.
 *
 * @param requests HTTP requests sent, retries and sign-ins included
 * @param retries attempts repeated after a retryable failure
 * @param failures calls that ended with an exception
 * @param bytesSent request bodies, in bytes
 * @param bytesReceived reply bodies, in bytes
 * @param largestRequestBytes the largest request body sent
 */
@PublicEvolving
public record SurrealClientMetrics(
        long requests, long retries, long failures, long bytesSent, long bytesReceived, long largestRequestBytes) {}
