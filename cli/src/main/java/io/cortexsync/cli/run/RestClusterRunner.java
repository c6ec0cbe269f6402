package io.cortexsync.cli.run;

import io.cortexsync.cli.cluster.ClusterOverview;
import io.cortexsync.cli.cluster.FlinkRestClient;
import io.cortexsync.cli.cluster.FlinkRestException;
import io.cortexsync.cli.cluster.JarRunRequest;
import io.cortexsync.cli.cluster.JobInfo;
import io.cortexsync.jobs.common.JobArguments;
import io.cortexsync.jobs.common.SyncJob;

import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs jobs on a Flink session cluster through its REST API only: uploads the job jar, runs the
 * job's main with the configuration as {@code --key value} arguments, follows it, and removes the
 * jar when the job has ended.
 */
public final class RestClusterRunner implements JobRunner {

    private static final Duration POLL_INTERVAL = Duration.ofSeconds(1);

    /**
     * A JobManager that stops answering for this many REST timeouts is given up on (the job may
     * still run): 2 minutes at the default timeout of 30 s.
     */
    private static final int UNREACHABLE_TIMEOUTS = 4;

    private final FlinkRestClient rest;
    private final Path jobJar;
    private final PrintStream log;

    public RestClusterRunner(FlinkRestClient rest, Path jobJar, PrintStream log) {
        this.rest = rest;
        this.jobJar = jobJar;
        this.log = log;
    }

    @Override
    public String describe() {
        ClusterOverview cluster;
        try {
            cluster = rest.overview();
        } catch (FlinkRestException e) {
            throw new RunnerUnavailableException("--jobmanager: " + e.getMessage(), e);
        }
        return String.format("Flink %s at %s (%d TaskManagers, %d of %d slots free)", cluster.flinkVersion(),
                rest.baseUri(), cluster.taskManagers(), cluster.slotsAvailable(), cluster.slotsTotal());
    }

    @Override
    public RunningJob start(SyncJob job, Configuration config, Optional<String> restoreFrom) {
        String jarId = rest.uploadJar(jobJar);
        try {
            JarRunRequest request = JarRunRequest.of(job.mainClass(), JobArguments.render(config));
            Optional<Integer> parallelism = config.getOptional(CoreOptions.DEFAULT_PARALLELISM);
            if (parallelism.isPresent()) {
                request = request.withParallelism(parallelism.get());
            }
            if (restoreFrom.isPresent()) {
                request = request.restoredFrom(restoreFrom.get());
            }
            return new Running(rest.runJar(jarId, request), jarId);
        } catch (RuntimeException e) {
            deleteJar(jarId);
            throw e;
        }
    }

    private void deleteJar(String jarId) {
        try {
            rest.deleteJar(jarId);
        } catch (FlinkRestException e) {
            log.println("could not delete the uploaded jar " + jarId + ": " + e.getMessage());
        }
    }

    private final class Running implements RunningJob {

        private final String jobId;
        private final String jarId;
        private volatile Map<String, Object> lastCounters = Map.of();

        Running(String jobId, String jarId) {
            this.jobId = jobId;
            this.jarId = jarId;
        }

        @Override
        public String jobId() {
            return jobId;
        }

        @Override
        public Optional<String> dashboardUrl() {
            return Optional.of(rest.baseUri() + "#/job/running/" + jobId + "/overview");
        }

        @Override
        public Map<String, Object> counters() {
            try {
                lastCounters = new HashMap<>(rest.accumulators(jobId));
            } catch (FlinkRestException e) {
                // the JobManager is busy or restarting: the last reading stands
            }
            return lastCounters;
        }

        @Override
        public JobOutcome awaitEnd() throws InterruptedException {
            try {
                JobInfo end = pollUntilTerminal();
                Map<String, Object> counters = new HashMap<>(rest.accumulators(jobId));
                Optional<String> error = Optional.empty();
                if (end.state() != JobStatus.FINISHED) {
                    List<String> causes = rest.exceptions(jobId);
                    error = Optional.of(end.state() == JobStatus.CANCELED ? "cancelled on the cluster"
                            : causes.isEmpty() ? "failed on the cluster" : causes.get(0));
                }
                return new JobOutcome(end.state(), end.durationMs(), counters, rest.checkpoints(jobId).completed(), error);
            } finally {
                deleteJar(jarId);
            }
        }

        private JobInfo pollUntilTerminal() throws InterruptedException {
            long unreachableSince = -1;
            while (true) {
                try {
                    JobInfo job = rest.job(jobId);
                    unreachableSince = -1;
                    if (job.isTerminal()) {
                        return job;
                    }
                } catch (FlinkRestException e) {
                    long now = System.nanoTime();
                    unreachableSince = unreachableSince < 0 ? now : unreachableSince;
                    if (now - unreachableSince > rest.timeout().multipliedBy(UNREACHABLE_TIMEOUTS).toNanos()) {
                        // without HA services a restarted JobManager forgets its jobs: the checkpoints remain
                        throw new FlinkRestException("lost the JobManager while job " + jobId + " ran (it may still run); "
                                + "if the cluster restarted without it, submit the same command again with --resume", e);
                    }
                }
                Thread.sleep(POLL_INTERVAL.toMillis());
            }
        }

        @Override
        public String stopWithSavepoint(String directory, Duration timeout) throws InterruptedException {
            // A cluster's REST API puts a savepoint that names no directory into the cluster's own
            // savepoint directory (or refuses it), never the job's: name the job's own explicitly.
            String target = directory != null ? directory : rest.savepointDirectory(jobId).orElse(null);
            return rest.awaitSavepoint(jobId, rest.stopWithSavepoint(jobId, target), timeout);
        }

        @Override
        public void cancel() {
            rest.cancel(jobId);
        }
    }
}
