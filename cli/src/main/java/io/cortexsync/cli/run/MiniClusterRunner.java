package io.cortexsync.cli.run;

import io.cortexsync.jobs.common.JobCounters;
import io.cortexsync.jobs.common.SyncJob;

import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.HeartbeatManagerOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.scheduler.stopwithsavepoint.StopWithSavepointStoppingException;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.ExceptionUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Runs jobs on a MiniCluster in this JVM, with the Flink dashboard on port 8081 (or the next free
 * one up to 8099) when asked. The graph is built here from the same {@link SyncJob} the job jar's
 * main runs on a cluster.
 */
public final class MiniClusterRunner implements JobRunner {

    private static final Logger LOG = LoggerFactory.getLogger(MiniClusterRunner.class);

    /** The dashboard port of {@code --web-ui}; the next free one up to {@link #LAST_WEB_UI_PORT} when it is taken. */
    public static final int WEB_UI_PORT = 8081;

    static final int LAST_WEB_UI_PORT = 8099;

    /** How often the local TaskManager reports the job's counters. */
    static final Duration PROGRESS_HEARTBEAT = Duration.ofSeconds(1);

    private final boolean webUi;

    public MiniClusterRunner(boolean webUi) {
        this.webUi = webUi;
    }

    @Override
    public String describe() {
        return "a Flink MiniCluster in this process" + (webUi ? " with the dashboard" : "");
    }

    @Override
    public RunningJob start(SyncJob job, Configuration config, Optional<String> restoreFrom) throws Exception {
        Configuration conf = SyncJob.flinkConfiguration(job, config);
        restoreFrom.ifPresent(path -> conf.set(StateRecoveryOptions.SAVEPOINT_PATH, path));
        // the job's counters reach the client with the TaskManager's heartbeats (every 10 s by
        // default); in this JVM they are cheap, and the progress line comes every few seconds
        conf.set(HeartbeatManagerOptions.HEARTBEAT_INTERVAL, PROGRESS_HEARTBEAT);
        BytesReadReporter.install(conf);
        LocalScratchDirectories.apply(conf);
        StreamExecutionEnvironment env;
        String dashboard = null;
        if (webUi) {
            int port = freeWebUiPort();
            conf.set(RestOptions.PORT, port);
            conf.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
            env = StreamExecutionEnvironment.createLocalEnvironmentWithWebUI(conf);
            dashboard = "http://127.0.0.1:" + port;
        } else {
            env = StreamExecutionEnvironment.createLocalEnvironment(conf);
        }
        job.build(env, config);
        JobClient client = env.executeAsync(job.name(config));
        return new Running(client, dashboard == null ? null : dashboard + "/#/job/running/" + client.getJobID() + "/overview");
    }

    private static final class Running implements RunningJob {

        private final JobClient client;
        private final String dashboard;
        private final long startNanos = System.nanoTime();
        private volatile Map<String, Object> lastCounters = Map.of();

        Running(JobClient client, String dashboard) {
            this.client = client;
            this.dashboard = dashboard;
        }

        @Override
        public String jobId() {
            return client.getJobID().toHexString();
        }

        @Override
        public Optional<String> dashboardUrl() {
            return Optional.ofNullable(dashboard);
        }

        @Override
        public Map<String, Object> counters() {
            try {
                lastCounters = withBytesRead(client.getAccumulators().get(10, TimeUnit.SECONDS));
            } catch (Exception e) {
                // ended or between attempts: the last reading stands
            }
            return lastCounters;
        }

        /** The accumulators and, as {@code bytesRead.<operator>}, what each source has read. */
        private Map<String, Object> withBytesRead(Map<String, Object> accumulators) {
            Map<String, Object> counters = new HashMap<>(accumulators);
            BytesReadReporter.bytesRead(jobId()).forEach((operator, bytes) ->
                    counters.put(JobCounters.BYTES_READ_PREFIX + operator, bytes));
            return counters;
        }

        @Override
        public JobOutcome awaitEnd() throws InterruptedException {
            Map<String, Object> counters;
            JobStatus state;
            Optional<String> error = Optional.empty();
            try {
                JobExecutionResult result = client.getJobExecutionResult().get();
                counters = withBytesRead(result.getAllAccumulatorResults());
                state = JobStatus.FINISHED;
            } catch (ExecutionException | CancellationException e) {
                counters = withBytesRead(lastCounters);
                Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
                boolean cancelled = cause instanceof CancellationException
                        || ExceptionUtils.findThrowableWithMessage(cause, "cancel").isPresent();
                state = cancelled ? JobStatus.CANCELED : JobStatus.FAILED;
                error = Optional.of(cancelled ? "the job was cancelled" : rootMessage(cause));
            }
            BytesReadReporter.forget(jobId());
            long durationMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
            return new JobOutcome(state, durationMs, counters,
                    JobCounters.asLong(counters.get(JobCounters.CHECKPOINTS)), error);
        }

        @Override
        public String stopWithSavepoint(String directory, Duration timeout) throws Exception {
            try {
                return client.stopWithSavepoint(false, directory, SavepointFormatType.CANONICAL)
                        .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                // the savepoint is complete, but a task failed while the job stopped after it:
                // Flink would restart the job; it is cancelled instead, and the savepoint stands
                Optional<StopWithSavepointStoppingException> created =
                        ExceptionUtils.findThrowable(e, StopWithSavepointStoppingException.class);
                if (created.isEmpty()) {
                    throw e;
                }
                LOG.warn("a task failed after savepoint {} was taken; the job is cancelled: {}",
                        created.get().getSavepointPath(), rootMessage(e));
                cancel();
                return created.get().getSavepointPath();
            }
        }

        @Override
        public void cancel() throws Exception {
            client.cancel().get(60, TimeUnit.SECONDS);
        }
    }

    private static int freeWebUiPort() {
        for (int port = WEB_UI_PORT; port <= LAST_WEB_UI_PORT; port++) {
            try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                return port;
            } catch (IOException e) {
                // taken: try the next
            }
        }
        throw new RunnerUnavailableException("--web-ui: ports " + WEB_UI_PORT + "-" + LAST_WEB_UI_PORT + " are all taken");
    }

    static String rootMessage(Throwable t) {
        Throwable root = ExceptionUtils.stripExecutionException(t);
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
        return message.replaceAll("\\s+", " ");
    }
}
