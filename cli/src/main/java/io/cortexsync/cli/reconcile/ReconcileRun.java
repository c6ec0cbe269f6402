package io.cortexsync.cli.reconcile;

import io.cortexsync.cli.options.StreamingSyncOptions;
import io.cortexsync.cli.preflight.ChangeFeedPreflight;
import io.cortexsync.cli.preflight.PreflightException;
import io.cortexsync.cli.preflight.PreflightResult;
import io.cortexsync.cli.preflight.SyncPreflight;
import io.cortexsync.cli.run.JobOutcome;
import io.cortexsync.cli.run.JobRunner;
import io.cortexsync.cli.run.ResumePoints;
import io.cortexsync.cli.run.RunningJob;
import io.cortexsync.cli.run.StopSignals;
import io.cortexsync.cli.run.StreamingRun;
import io.cortexsync.cli.run.StreamingSetup;
import io.cortexsync.jobs.events.KafkaTopicException;
import io.cortexsync.jobs.events.KafkaTopics;
import io.cortexsync.jobs.reconcile.ReconcileJob;
import io.cortexsync.jobs.reconcile.ReconcileSettings;
import io.cortexsync.schema.model.RepairRecord;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.IllegalConfigurationException;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SortedSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A reconciliation from the command line: preflight (both stores answer, the tables and the
 * collection exist), topics, start (restored from the latest retained checkpoint with {@code
 * --resume}), wait for the end, merge the repair records, report. Where the job runs is the
 * {@link JobRunner}'s business.
 */
public final class ReconcileRun {

    private final ReconcileOptions options;
    private final JobRunner runner;
    private final PrintStream out;
    private final Duration progressInterval;

    /** A reconciliation of {@code options} on {@code runner}; what it does and its progress (every {@code progressInterval}) go to {@code out}. */
    public ReconcileRun(ReconcileOptions options, JobRunner runner, PrintStream out, Duration progressInterval) {
        this.options = options;
        this.runner = runner;
        this.out = out;
        this.progressInterval = progressInterval;
    }

    /** Runs the reconciliation to its report; throws {@link PreflightException} before any job starts when something is wrong. */
    public ReconcileReport run() throws Exception {
        options.validate();
        ReconcileJob reconcileJob = new ReconcileJob();
        try (JobRunner.Preparation prepared = runner.prepare(reconcileJob, options.jobConfiguration(JobRunner.PROVISIONAL_DIMENSION))) {
            return run(reconcileJob);
        }
    }

    private ReconcileReport run(ReconcileJob reconcileJob) throws Exception {
        PreflightResult preflight = new SyncPreflight(options.stores(), options.target()).run();
        if (!preflight.collectionExists()) {
            throw new PreflightException("--collection: collection '" + options.target().collection()
                    + "' does not exist in Qdrant; there is nothing to reconcile against");
        }
        out.println(options + ": " + preflight.totalRecords() + " records, dimension " + preflight.dimension()
                + "; running on " + runner.describe());
        Configuration config = options.jobConfiguration(preflight.dimension());
        ensureTopics(config);
        if (!options.run().resume()) {
            FindingFiles.deleteParts(options.findingParts());
        }
        Optional<String> restoreFrom = ResumePoints.forRun(options.run().resume(), options.checkpointUri(), out,
                "starting from the beginning");
        RunningJob job = runner.start(reconcileJob, config, restoreFrom);
        job.dashboardUrl().ifPresent(url -> out.println("Flink dashboard: " + url));
        ReconcileSettings settings = ReconcileSettings.from(config);
        SortedSet<Integer> sampled = settings.sampledPartitions();
        ReconcileProgress progress = new ReconcileProgress(preflight.totalRecords(),
                sampled == null ? settings.partitions() : sampled.size());
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "reconcile-progress");
            thread.setDaemon(true);
            return thread;
        });
        ticker.scheduleAtFixedRate(() -> out.println(progress.line(job.counters())),
                progressInterval.toMillis(), progressInterval.toMillis(), TimeUnit.MILLISECONDS);
        JobOutcome end;
        try {
            end = job.awaitEnd();
        } finally {
            ticker.shutdownNow();
        }
        List<RepairRecord> differences = FindingFiles.merge(options.findingParts(), options.findings());
        if (end.finished()) {
            FindingFiles.deleteParts(options.findingParts());
        }
        ReconcileReport.Sampling sampling = sampled == null ? null
                : new ReconcileReport.Sampling(settings.sampleRate(), sampled.size(), settings.partitions(), settings.sampleSeed());
        return new ReconcileReport(end.state(), options.syncId(), options.target().collection(), options.target().tables(),
                options.repair(), sampling, end.counters(), differences, end.durationMs(), end.checkpoints(),
                restoreFrom.orElse(null), end.error().orElse(null));
    }

    /**
     * A continuous reconciliation: checks the stores and the change feeds, starts the job (restored
     * with {@code --resume}) and follows it with a progress line until {@code stop} is asked for
     * (then stops it with a savepoint) or it ends by itself; then merges the repair records.
     */
    public StreamingRun.Ended runContinuous(StopSignals stop) throws Exception {
        StreamingRun.Ended ended = new StreamingRun(out, progressInterval).run(new StreamingRun.Sync() {
            private ReconcileProgress progress;

            @Override
            public StreamingSyncOptions options() {
                return options;
            }

            @Override
            public RunningJob start() throws Exception {
                RunningJob job = startContinuous();
                progress = continuousProgress;
                return job;
            }

            @Override
            public String progressLine(Map<String, Object> counters) {
                return progress.continuousLine(counters);
            }

            @Override
            public void writeReport(Path file, RunningJob job, StreamingRun.Ended ended) throws IOException {
                JobOutcome end = ended.outcome();
                List<RepairRecord> differences = FindingFiles.merge(options.findingParts(), options.findings());
                new ReconcileReport(end.state(), options.syncId(), options.target().collection(), options.target().tables(),
                        options.repair(), null, end.counters(), differences, end.durationMs(), end.checkpoints(),
                        null, end.error().orElse(null))
                        .continuous(continuousSettings.partitions(), continuousSettings.cycle(), ended.savepoint().orElse(null))
                        .writeTo(file);
            }
        }, stop);
        List<RepairRecord> differences = FindingFiles.merge(options.findingParts(), options.findings());
        out.println(differences.size() + " differences reported; repair records: " + options.findings().toAbsolutePath());
        return ended;
    }

    private ReconcileProgress continuousProgress;
    private ReconcileSettings continuousSettings;

    /**
     * Starts a continuous reconciliation after its checks (both stores, the collection, the change
     * feeds), restored with {@code --resume}; returns once the job runs. Local runs follow it with
     * {@link #runContinuous}; {@code submit reconcile --continuous} leaves it to the cluster.
     */
    public RunningJob startContinuous() throws Exception {
        options.validate();
        ReconcileJob reconcileJob = new ReconcileJob();
        try (JobRunner.Preparation prepared = runner.prepare(reconcileJob, options.jobConfiguration(JobRunner.PROVISIONAL_DIMENSION))) {
            return startContinuous(reconcileJob);
        }
    }

    private RunningJob startContinuous(ReconcileJob reconcileJob) throws Exception {
        PreflightResult preflight = new SyncPreflight(options.stores(), options.target()).run();
        if (!preflight.collectionExists()) {
            throw new PreflightException("--collection: collection '" + options.target().collection()
                    + "' does not exist in Qdrant; there is nothing to reconcile against");
        }
        Optional<String> restoreFrom = StreamingSetup.restorePoint(options, out, "starting with a snapshot");
        if (restoreFrom.isEmpty()) {
            FindingFiles.deleteParts(options.findingParts());
        }
        Duration retention = new ChangeFeedPreflight(options.stores(), options.target().tables(), Clock.systemUTC())
                .run(OptionalLong.empty(), false);
        out.println(options + ": " + preflight.totalRecords() + " records, dimension " + preflight.dimension()
                + ", change feed kept " + retention.toSeconds() + "s; running on " + runner.describe());
        Configuration config = options.jobConfiguration(preflight.dimension());
        ensureTopics(config);
        continuousSettings = ReconcileSettings.from(config);
        continuousProgress = new ReconcileProgress(preflight.totalRecords(), continuousSettings.partitions());
        RunningJob job = runner.start(reconcileJob, config, restoreFrom);
        out.println("job " + job.jobId() + " is running");
        job.dashboardUrl().ifPresent(url -> out.println("Flink dashboard: " + url));
        return job;
    }

    private void ensureTopics(Configuration config) {
        try {
            List<String> created = KafkaTopics.ensure(config);
            if (!created.isEmpty()) {
                out.println("created Kafka topics " + String.join(", ", created));
            }
        } catch (KafkaTopicException | IllegalConfigurationException e) {
            throw new PreflightException(e.getMessage(), e);
        }
    }
}
