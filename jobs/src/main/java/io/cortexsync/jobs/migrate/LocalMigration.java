package io.cortexsync.jobs.migrate;

import io.cortexsync.connector.qdrant.admin.BulkLoad;

import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.HeartbeatManagerOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.ExceptionUtils;

import java.io.IOException;
import java.io.PrintStream;
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
 * Runs a migration on a MiniCluster in this JVM (with the dashboard on port 8081 when asked):
 * collection, job, progress, dead-letter merge, verification and report. The preflight has run.
 */
public final class LocalMigration {

    /** The dashboard port of {@code --web-ui}; the next free one up to {@link #LAST_WEB_UI_PORT} when it is taken. */
    public static final int WEB_UI_PORT = 8081;

    static final int LAST_WEB_UI_PORT = 8099;

    /** How often the local TaskManager reports the job's counters. */
    static final Duration PROGRESS_HEARTBEAT = Duration.ofSeconds(1);

    private final MigrateOptions options;
    private final PreflightResult preflight;
    private final PrintStream out;

    public LocalMigration(MigrateOptions options, PreflightResult preflight, PrintStream out) {
        this.options = options;
        this.preflight = preflight;
        this.out = out;
    }

    /** Prepares the collection and starts the job; the returned handle follows it to its report. */
    public Running start() throws Exception {
        BulkLoad bulkLoad = options.dryRun() ? null : CollectionSetup.prepare(options, preflight);
        String restorePath = null;
        if (options.resume()) {
            Optional<String> latest = CheckpointLocator.latest(options.checkpointUri());
            if (latest.isPresent()) {
                restorePath = latest.get();
                out.println("resuming from " + restorePath);
            } else {
                out.println("--resume: no retained checkpoint under " + options.checkpointUri() + "; starting from the beginning");
            }
        } else {
            DeadLetterFiles.deleteParts(options.deadLetterParts());
        }
        Configuration conf = MigrationEnvironment.configuration(options, restorePath);
        // the job's counters reach the client with the TaskManager's heartbeats (every 10 s by
        // default); in this JVM they are cheap, and the progress line comes every few seconds
        conf.set(HeartbeatManagerOptions.HEARTBEAT_INTERVAL, PROGRESS_HEARTBEAT);
        StreamExecutionEnvironment env;
        int webUiPort = 0;
        if (options.webUi()) {
            webUiPort = freeWebUiPort();
            conf.set(RestOptions.PORT, webUiPort);
            conf.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
            env = StreamExecutionEnvironment.createLocalEnvironmentWithWebUI(conf);
        } else {
            env = StreamExecutionEnvironment.createLocalEnvironment(conf);
        }
        MigrationPipeline.build(env, options, preflight.dimension());
        long startNanos = System.nanoTime();
        JobClient client = env.executeAsync(MigrationEnvironment.jobName(options));
        if (options.webUi()) {
            out.println("Flink dashboard: http://127.0.0.1:" + webUiPort + "/#/job/running/" + client.getJobID() + "/overview");
        }
        return new Running(client, startNanos, restorePath, bulkLoad);
    }

    /** A started migration. */
    public final class Running implements ProgressSource {

        private final JobClient client;
        private final long startNanos;
        private final String restoredFrom;
        private final BulkLoad bulkLoad;
        private volatile Map<String, Object> lastAccumulators = Map.of();

        private Running(JobClient client, long startNanos, String restoredFrom, BulkLoad bulkLoad) {
            this.client = client;
            this.bulkLoad = bulkLoad;
            this.startNanos = startNanos;
            this.restoredFrom = restoredFrom;
        }

        public JobClient jobClient() {
            return client;
        }

        /** The job's counters now (the last ones read once the job has ended). */
        public Map<String, Object> accumulators() {
            try {
                Map<String, Object> now = client.getAccumulators().get(10, TimeUnit.SECONDS);
                lastAccumulators = new HashMap<>(now);
            } catch (Exception e) {
                // ended or between attempts: the last reading stands
            }
            return lastAccumulators;
        }

        @Override
        public Progress current() {
            Map<String, Object> acc = accumulators();
            return new Progress(
                    MigrationCounters.asLong(acc.get(MigrationCounters.MIGRATED)),
                    MigrationCounters.asLong(acc.get(MigrationCounters.FAILED)),
                    MigrationCounters.asLong(acc.get(MigrationCounters.DEAD_LETTERED)),
                    preflight.totalRecords());
        }

        /** Waits for the job's end, then merges dead letters, verifies when asked and reports. */
        public MigrationReport awaitReport() throws IOException, InterruptedException {
            return awaitReport(() -> {});
        }

        /** As {@link #awaitReport()}, telling {@code jobEnded} when the job has ended (before the verification). */
        public MigrationReport awaitReport(Runnable jobEnded) throws IOException, InterruptedException {
            MigrationReport.Status status;
            String error = null;
            Map<String, Object> acc;
            try {
                JobExecutionResult result = client.getJobExecutionResult().get();
                acc = result.getAllAccumulatorResults();
                status = options.dryRun() ? MigrationReport.Status.DRY_RUN : MigrationReport.Status.FINISHED;
            } catch (ExecutionException | CancellationException e) {
                acc = lastAccumulators;
                Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
                boolean cancelled = ExceptionUtils.findThrowableWithMessage(cause, "cancel").isPresent()
                        || cause instanceof CancellationException;
                status = cancelled ? MigrationReport.Status.CANCELED : MigrationReport.Status.FAILED;
                error = cancelled ? "the job was cancelled" : rootMessage(cause);
            }
            long durationMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
            jobEnded.run();
            if (bulkLoad != null) {
                // also after a failure: the collection serves searches again; a resumed run starts another bulk load
                CollectionSetup.finish(options, bulkLoad);
            }

            DeadLetterFiles.Merged dead = DeadLetterFiles.merge(options.deadLetterParts(), options.deadLetter());
            boolean complete = status == MigrationReport.Status.FINISHED || status == MigrationReport.Status.DRY_RUN;
            if (complete) {
                DeadLetterFiles.deleteParts(options.deadLetterParts());
            }
            long migrated = MigrationCounters.asLong(acc.get(MigrationCounters.MIGRATED));
            // a resumed run counts only what it wrote itself; a complete run has handled every record
            long successful = complete ? Math.max(0, preflight.totalRecords() - dead.total()) : migrated;
            MigrationReport.Builder report = MigrationReport.builder()
                    .status(status)
                    .migrationId(options.migrationId())
                    .collection(options.collection())
                    .tables(options.tables())
                    .totalEntities(preflight.totalRecords())
                    .successful(successful)
                    .failed(dead.total())
                    .deadLetteredByReason(dead.byReason())
                    .deadLetterFile(dead.file().toString())
                    .durationMs(durationMs)
                    .checkpoints(MigrationCounters.asLong(acc.get(MigrationCounters.CHECKPOINTS)))
                    .pointsWritten(options.dryRun() ? 0 : migrated)
                    .resumedFrom(restoredFrom)
                    .error(error);
            if (options.verify() && status == MigrationReport.Status.FINISHED) {
                out.println("verifying " + successful + " records in collection '" + options.collection() + "' ...");
                report.verification(MigrationVerifier.verify(options, preflight.dimension()));
            }
            return report.build();
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
        throw new PreflightException("--web-ui: ports " + WEB_UI_PORT + "-" + LAST_WEB_UI_PORT + " are all taken");
    }

    private static String rootMessage(Throwable t) {
        Throwable root = ExceptionUtils.stripExecutionException(t);
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
        return message.replaceAll("\\s+", " ");
    }
}
