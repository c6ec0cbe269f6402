/**
 * Running cortex-sync jobs on a Flink session cluster through its REST API: {@link
 * io.cortexsync.jobs.cluster.FlinkRestClient} (upload, run, follow, cancel), the progress of a
 * running migration read from its accumulators, and the {@code submit} command.
 */
package io.cortexsync.cli.cluster;
