package io.cortexsync.cli.cdc;

import io.cortexsync.cli.migrate.DeadLetterFiles;
import io.cortexsync.cli.preflight.ChangeFeedPreflight;
import io.cortexsync.cli.preflight.PreflightException;
import io.cortexsync.cli.preflight.PreflightResult;
import io.cortexsync.cli.preflight.SyncPreflight;
import io.cortexsync.cli.run.JobOutcome;
import io.cortexsync.cli.run.JobRunner;
import io.cortexsync.cli.run.ResumePoints;
import io.cortexsync.cli.run.RunningJob;
import io.cortexsync.cli.run.StopSignals;
import io.cortexsync.connector.qdrant.QdrantOptions;
import io.cortexsync.connector.qdrant.admin.CollectionMismatchException;
import io.cortexsync.connector.qdrant.admin.QdrantCollectionAdmin;
import io.cortexsync.connector.qdrant.client.QdrantConnection;
import io.cortexsync.connector.surrealdb.source.ExpiredPositionPolicy;
import io.cortexsync.connector.surrealdb.source.StartingMode;
import io.cortexsync.jobs.cdc.CdcJob;
import io.cortexsync.jobs.common.JobCounters;
import io.cortexsync.jobs.events.KafkaTopicException;
import io.cortexsync.jobs.events.KafkaTopics;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.IllegalConfigurationException;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A cdc job from the command line, the same flow wherever it runs: preflight (both stores and the
 * change feeds), collection, start (restored with {@code --resume}), progress while it runs, and a
 * stop with a savepoint when asked (Ctrl-C), after which {@code --resume} continues exactly there.
 */
public final class CdcRun {

    /** How a run ended. */
    public record Ended(JobOutcome outcome, Optional<String> savepoint) {

        /** Stopped on request with a savepoint: the way a cdc run is meant to end. */
        public boolean stopped() {
            return savepoint.isPresent();
        }
    }

    private final CdcOptions options;
    private final JobRunner runner;
    private final PrintStream out;
    private final Duration progressInterval;
    private final Clock clock;
    private Map<String, Long> snapshotRecords = Map.of();

    public CdcRun(CdcOptions options, JobRunner runner, PrintStream out, Duration progressInterval, Clock clock) {
        this.options = options;
        this.runner = runner;
        this.out = out;
        this.progressInterval = progressInterval;
        this.clock = clock;
    }

    /** Checks everything, prepares the collection and starts the job. */
    public RunningJob start() throws Exception {
        options.validate();
        PreflightResult preflight = new SyncPreflight(options.stores(), options.target()).run();
        snapshotRecords = options.run().resume() || options.start().mode() != StartingMode.SNAPSHOT_THEN_CHANGES
                ? Map.of() : preflight.recordsByTable();
        Optional<String> restoreFrom = restorePoint();
        boolean resnapshots = options.expiredPositionPolicy() == ExpiredPositionPolicy.RESNAPSHOT;
        Duration retention = new ChangeFeedPreflight(options.stores(), options.target().tables(), clock)
                .run(restoreFrom.isPresent() ? OptionalLong.empty() : options.start().versionstamp(), resnapshots);
        out.println(options + ": " + preflight.totalRecords() + " records, dimension " + preflight.dimension()
                + (preflight.collectionExists() ? ", collection exists" : ", collection will be created")
                + ", change feed kept " + retention.toSeconds() + "s; "
                + (restoreFrom.isPresent() ? "resuming" : "starting at " + options.start()) + " on " + runner.describe());
        Configuration config = options.jobConfiguration(preflight.dimension());
        ensureTopics(config);
        ensureCollection(config);
        RunningJob job = runner.start(new CdcJob(), config, restoreFrom);
        out.println("job " + job.jobId() + " is running");
        job.dashboardUrl().ifPresent(url -> out.println("Flink dashboard: " + url));
        return job;
    }

    /**
     * Starts the job and follows it until {@code stop} is asked for (then stops it with a
     * savepoint) or it ends by itself (failed or cancelled).
     */
    public Ended run(StopSignals stop) throws Exception {
        RunningJob job = start();
        stop.arm();
        out.println("Ctrl-C stops it with a savepoint");
        CdcProgress progress = new CdcProgress(clock, snapshotRecords);
        CompletableFuture<JobOutcome> ended = CompletableFuture.supplyAsync(() -> {
            try {
                return job.awaitEnd();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
        while (true) {
            try {
                CompletableFuture.anyOf(ended, stop.requested()).get(progressInterval.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                out.println(progress.line(job.counters()));
                continue;
            }
            if (stop.requested().isDone() && !ended.isDone()) {
                return stopWithSavepoint(job, ended, stop.requested().getNow("stop"));
            }
            JobOutcome outcome = joined(ended);
            mergeDeadLetters();
            out.println("job " + job.jobId() + " ended " + outcome.state()
                    + outcome.error().map(e -> ": " + e).orElse("") + "; " + progress.line(outcome.counters()));
            return report(job, new Ended(outcome, Optional.empty()));
        }
    }

    private Ended stopWithSavepoint(RunningJob job, CompletableFuture<JobOutcome> ended, String why) throws Exception {
        out.println(why + ": stopping job " + job.jobId() + " with a savepoint under " + options.savepointUri());
        String savepoint = job.stopWithSavepoint(options.savepointUri(), options.stopTimeout());
        JobOutcome outcome = joined(ended);
        mergeDeadLetters();
        out.println("stopped at savepoint " + savepoint + "; " + new CdcProgress(clock, snapshotRecords).line(outcome.counters()));
        out.println("continue with the same options and --resume");
        return report(job, new Ended(outcome, Optional.of(savepoint)));
    }

    /** Writes the run's end to {@code --report}, when asked. */
    private Ended report(RunningJob job, Ended ended) throws IOException {
        if (options.run().report() != null) {
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("sync_id", options.syncId());
            report.put("job_id", job.jobId());
            report.put("state", ended.outcome().state().name());
            report.put("savepoint", ended.savepoint().orElse(null));
            report.put("error", ended.outcome().error().orElse(null));
            report.put("duration_ms", ended.outcome().durationMs());
            report.put("checkpoints", ended.outcome().checkpoints());
            for (String counter : List.of(JobCounters.SYNCED, JobCounters.SYNCED_DELETES, JobCounters.DEAD_LETTERED)) {
                report.put(counter, JobCounters.asLong(ended.outcome().counters().get(counter)));
            }
            Path file = options.run().report().toAbsolutePath();
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(file.toFile(), report);
        }
        return ended;
    }

    private static JobOutcome joined(CompletableFuture<JobOutcome> ended) throws InterruptedException {
        try {
            return ended.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not follow the job to its end", e.getCause());
        }
    }

    /** With {@code --resume}, the latest savepoint or retained checkpoint of this sync; without, a fresh start. */
    private Optional<String> restorePoint() throws IOException {
        if (!options.run().resume()) {
            DeadLetterFiles.deleteParts(options.run().deadLetterParts());
        }
        return ResumePoints.forRun(options.run().resume(), options.checkpointUri(), out, "starting at " + options.start());
    }

    private void ensureCollection(Configuration config) {
        try (QdrantConnection qdrant = QdrantConnection.open(options.stores().qdrantConnection())) {
            new QdrantCollectionAdmin(qdrant).ensureCollection(QdrantOptions.collectionSpec(config));
        } catch (CollectionMismatchException e) {
            throw new PreflightException(e.getMessage() + " (--collection, --dim, --distance)", e);
        }
    }

    /** The events and dead-letter topics exist before the job starts (created when allowed), or the run fails naming them. */
    private void ensureTopics(Configuration config) {
        if (!options.kafka().enabled()) {
            return;
        }
        try {
            List<String> created = KafkaTopics.ensure(config);
            if (!created.isEmpty()) {
                out.println("created Kafka topics " + String.join(", ", created));
            }
            out.println("events and dead letters to Kafka: " + options.kafka().describe());
        } catch (KafkaTopicException | IllegalConfigurationException e) {
            throw new PreflightException(e.getMessage(), e);
        }
    }

    private void mergeDeadLetters() throws IOException {
        if (!options.kafka().deadLetterFile()) {
            return;
        }
        DeadLetterFiles.Merged merged = DeadLetterFiles.merge(options.run().deadLetterParts(), options.run().deadLetter());
        if (merged.total() > 0) {
            out.println(merged.total() + " dead letters in " + merged.file());
        }
    }
}
