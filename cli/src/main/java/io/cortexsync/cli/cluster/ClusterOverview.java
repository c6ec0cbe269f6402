package io.cortexsync.cli.cluster;

/** The figures of {@code GET /overview}: what the cluster has to run jobs on. */
public record ClusterOverview(String flinkVersion, int taskManagers, int slotsTotal, int slotsAvailable, int jobsRunning) {}
