/**
 * The front door for applications: {@link io.cortexsync.connector.dualwrite.client.DualWriteClient}
 * sends entity changes to the dual-write job's Kafka input topic and completes each request with
 * its final sync event, read from the job's events topic. Needs Kafka and the state schemas only,
 * no Flink.
 *
 * <p>Stability: the public types of this package ({@code DualWriteClient}, its builder, {@code
 * SyncFuture}, {@code Subscription}, {@code FinalEvents}, {@code DualWriteClientException}) are
 * the API applications build against; they may still evolve between minor releases, with a note
 * in the changelog. Package-private classes are internals and may change in any release.
 */
package io.cortexsync.connector.dualwrite.client;
