package io.cortexsync.cli.cluster;

import org.apache.flink.api.common.JobStatus;

import java.util.OptionalLong;

/**
 * One job of {@code cortex-sync status}: id, name, state, how long it has run, its last completed
 * checkpoint (id and age) and, for a job that reads a change feed, how far behind the feed it is.
 */
public record JobStatusLine(String id, String name, JobStatus state, long uptimeMs, OptionalLong lastCheckpointId,
        OptionalLong lastCheckpointAgeMs, OptionalLong lagMs) {}
