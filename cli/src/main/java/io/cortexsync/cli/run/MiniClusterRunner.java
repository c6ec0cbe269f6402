package io.cortexsync.cli.run;

import io.cortexsync.jobs.common.JobCounters;
import io.cortexsync.jobs.common.SyncJob;

import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.client.deployment.executors.LocalExecutor;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.DeploymentOptions;
import org.apache.flink.configuration.HeartbeatManagerOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.runtime.minicluster.RpcServiceSharing;
import org.apache.flink.runtime.scheduler.stopwithsavepoint.StopWithSavepointStoppingException;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.util.ExceptionUtils;
import org.apache.flink.util.MathUtils;
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
import java.util.function.Function;

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
    /** The dashboard's port, chosen at the first start or preparation; 0 before. */
    private int webUiPort;
    private EarlyMiniCluster early;
    private Configuration earlyConfiguration;

    public MiniClusterRunner(boolean webUi) {
        this.webUi = webUi;
    }

    @Override
    public String describe() {
        return "a Flink MiniCluster in this process" + (webUi ? " with the dashboard" : "");
    }

    /**
     * Starts the MiniCluster a run of {@code job} with {@code config} needs, on a thread of its
     * own: the caller checks the stores meanwhile, and {@link #start} submits to it.
     */
    @Override
    public Preparation prepare(SyncJob job, Configuration config) {
        Configuration conf;
        try {
            conf = localConfiguration(job, config);
        } catch (RuntimeException e) {
            // start() builds the same configuration and reports what fails here, after the preflight
            LOG.debug("no early start of the MiniCluster: {}", e.getMessage());
            return Preparation.NONE;
        }
        boolean exchangesRecords = job.exchangesRecords(config);
        EarlyMiniCluster cluster = EarlyMiniCluster.start(() -> {
            Configuration clusterConf = new Configuration(conf);
            clusterConf.addAll(LocalNetworkMemory.forJob(exchangesRecords, conf));
            return clusterConfiguration(clusterConf);
        });
        early = cluster;
        earlyConfiguration = conf;
        return () -> {
            if (early == cluster) {
                early = null;
            }
            cluster.discard();
        };
    }

    @Override
    public RunningJob start(SyncJob job, Configuration config, Optional<String> restoreFrom) throws Exception {
        Configuration conf = localConfiguration(job, config);
        Function<MiniClusterConfiguration, MiniCluster> clusters = MiniCluster::new;
        if (early != null) {
            EarlyMiniCluster cluster = early;
            early = null;
            if (conf.equals(earlyConfiguration)) {
                clusters = cluster::forJob;
            } else {
                LOG.info("the run's settings changed since its MiniCluster was started early: starting another");
                cluster.discard();
            }
        }
        restoreFrom.ifPresent(path -> conf.set(StateRecoveryOptions.SAVEPOINT_PATH, path));
        LocalExecutorOnCluster executors = new LocalExecutorOnCluster(clusters);
        StreamExecutionEnvironment env = new StreamExecutionEnvironment(executors, conf, null);
        job.build(env, config);
        StreamGraph graph = env.getStreamGraph();
        graph.setJobName(job.name(config));
        executors.clusterSettings(LocalNetworkMemory.forGraph(graph, conf));
        JobClient client = env.executeAsync(graph);
        String dashboard = webUi ? "http://127.0.0.1:" + conf.get(RestOptions.PORT) : null;
        return new Running(client, dashboard == null ? null : dashboard + "/#/job/running/" + client.getJobID() + "/overview");
    }

    /** Flink's settings of a local run of {@code job}: the job's, this process's, the dashboard's. */
    private Configuration localConfiguration(SyncJob job, Configuration config) {
        Configuration conf = SyncJob.flinkConfiguration(job, config);
        // the job's counters reach the client with the TaskManager's heartbeats (every 10 s by
        // default); in this JVM they are cheap, and the progress line comes every few seconds
        conf.set(HeartbeatManagerOptions.HEARTBEAT_INTERVAL, PROGRESS_HEARTBEAT);
        BytesReadReporter.install(conf);
        LocalScratchDirectories.apply(conf);
        LocalClusterTimers.apply(conf);
        conf.set(DeploymentOptions.TARGET, LocalExecutor.NAME);
        conf.set(DeploymentOptions.ATTACHED, true);
        if (webUi) {
            if (webUiPort == 0) {
                webUiPort = freeWebUiPort();
            }
            conf.set(RestOptions.PORT, webUiPort);
            conf.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
        }
        return conf;
    }

    /**
     * The MiniCluster Flink's local executor would start for a job of {@code conf} whose operators
     * run at most at the default parallelism: one task manager (unless configured), with a slot for
     * each parallel task, its REST endpoint on the dashboard's port ({@code rest.port}, which
     * {@code rest.bind-port} falls back to) or else on a free one.
     */
    static MiniClusterConfiguration clusterConfiguration(Configuration conf) {
        Configuration cluster = new Configuration(conf);
        if (!cluster.contains(RestOptions.BIND_PORT)) {
            cluster.set(RestOptions.BIND_PORT, "0");
        }
        int taskManagers = cluster.get(TaskManagerOptions.MINI_CLUSTER_NUM_TASK_MANAGERS);
        int slots = cluster.getOptional(TaskManagerOptions.NUM_TASK_SLOTS)
                .orElseGet(() -> MathUtils.divideRoundUp(cluster.get(CoreOptions.DEFAULT_PARALLELISM), taskManagers));
        return new MiniClusterConfiguration.Builder()
                .setConfiguration(cluster)
                .setNumTaskManagers(taskManagers)
                .setRpcServiceSharing(RpcServiceSharing.SHARED)
                .setNumSlotsPerTaskManager(slots)
                .build();
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
