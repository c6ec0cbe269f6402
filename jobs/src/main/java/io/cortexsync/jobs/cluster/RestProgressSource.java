package io.cortexsync.jobs.cluster;

import io.cortexsync.jobs.migrate.MigrationCounters;
import io.cortexsync.jobs.migrate.Progress;
import io.cortexsync.jobs.migrate.ProgressSource;

import java.util.Map;

/**
 * A running migration's progress read from the cluster: the job's accumulators through {@code GET
 * /jobs/<jid>/accumulators}. The cluster refreshes them with the TaskManagers' heartbeats, so a
 * reading can be a heartbeat interval old.
 */
public final class RestProgressSource implements ProgressSource {

    private final FlinkRestClient rest;
    private final String jobId;
    private final long total;

    public RestProgressSource(FlinkRestClient rest, String jobId, long total) {
        this.rest = rest;
        this.jobId = jobId;
        this.total = total;
    }

    @Override
    public Progress current() {
        Map<String, String> values = rest.accumulators(jobId);
        return new Progress(
                MigrationCounters.asLong(values.get(MigrationCounters.MIGRATED)),
                MigrationCounters.asLong(values.get(MigrationCounters.FAILED)),
                MigrationCounters.asLong(values.get(MigrationCounters.DEAD_LETTERED)),
                total);
    }
}
