package io.cortexsync.cli.cluster;

import io.cortexsync.jobs.common.SyncJob;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Collects {@code cortex-sync status}: the cluster's jobs whose names start with {@link
 * SyncJob#NAME_PREFIX}, with the checkpoint and lag figures of each. By default the jobs that run,
 * and those that ended within {@link #RECENTLY_ENDED} (a job that just failed is what one looks for).
 */
public final class JobStatusReader {

    /** How long an ended job stays in the default listing. */
    public static final Duration RECENTLY_ENDED = Duration.ofHours(1);

    /**
     * The SurrealSource reader's gauge: milliseconds between now and the commit time of the last
     * change read; 0 once caught up, -1 while it has no position (snapshot, or not started).
     */
    public static final String LAG_METRIC = "currentVersionstampLagMs";

    private final FlinkRestClient rest;

    public JobStatusReader(FlinkRestClient rest) {
        this.rest = rest;
    }

    /** The project's jobs, newest first; with {@code all} also those that ended long ago. */
    public List<JobStatusLine> read(boolean all, long nowMillis) {
        List<JobStatusLine> lines = new ArrayList<>();
        List<JobSummary> jobs = new ArrayList<>(select(rest.jobs(), all, nowMillis));
        jobs.sort((a, b) -> Long.compare(b.startMillis(), a.startMillis()));
        for (JobSummary job : jobs) {
            lines.add(line(job, nowMillis));
        }
        return lines;
    }

    /** The jobs of this project, among them only the running and the recently ended unless {@code all}. */
    static List<JobSummary> select(List<JobSummary> jobs, boolean all, long nowMillis) {
        return jobs.stream()
                .filter(job -> job.name().startsWith(SyncJob.NAME_PREFIX))
                .filter(job -> all || !job.isTerminal() || nowMillis - job.endMillis() <= RECENTLY_ENDED.toMillis())
                .toList();
    }

    private JobStatusLine line(JobSummary job, long nowMillis) {
        OptionalLong checkpointId = OptionalLong.empty();
        OptionalLong checkpointAge = OptionalLong.empty();
        OptionalLong lag = OptionalLong.empty();
        try {
            CheckpointStats checkpoints = rest.checkpoints(job.id());
            if (checkpoints.hasCompleted()) {
                checkpointId = OptionalLong.of(checkpoints.latestCompletedId());
                checkpointAge = OptionalLong.of(Math.max(0, nowMillis - checkpoints.latestCompletedAtMillis()));
            }
            if (!job.isTerminal()) {
                lag = lagOf(rest.maxOverSubtasks(job.id(), LAG_METRIC));
            }
        } catch (FlinkRestException e) {
            // a job between attempts, or one the cluster has archived: its line shows what the overview knows
        }
        return new JobStatusLine(job.id(), job.name(), job.state(), job.durationMs(), checkpointId, checkpointAge, lag);
    }

    /** The lag when a reader reports one; a reader without a position reports -1, which is no lag figure. */
    static OptionalLong lagOf(OptionalDouble gauge) {
        return gauge.isPresent() && gauge.getAsDouble() >= 0 ? OptionalLong.of(Math.round(gauge.getAsDouble())) : OptionalLong.empty();
    }
}
