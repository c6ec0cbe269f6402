package io.cortexsync.cli.migrate;

import io.cortexsync.cli.preflight.SyncPreflight;
import io.cortexsync.cli.preflight.PreflightResult;
import io.cortexsync.cli.preflight.PreflightException;
import io.cortexsync.cli.progress.Progress;
import io.cortexsync.cli.progress.ProgressPrinter;
import io.cortexsync.cli.progress.ProgressSource;
import io.cortexsync.cli.run.JobOutcome;
import io.cortexsync.cli.run.JobRunner;
import io.cortexsync.cli.run.ResumePoints;
import io.cortexsync.cli.run.RunningJob;
import io.cortexsync.cli.timing.RunTimings;
import io.cortexsync.connector.qdrant.admin.PreparedLoad;
import io.cortexsync.jobs.common.JobCounters;
import io.cortexsync.jobs.migrate.MigrateJob;

import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * A migration from the command line, the same flow wherever it runs: preflight, collection, start
 * (restored from the latest retained checkpoint with {@code --resume}), progress until the job
 * ends, bulk load ended, dead letters merged, verification and report. Where the job runs is the
 * {@link JobRunner}'s business: a MiniCluster here or a session cluster.
 */
public final class MigrationRun {

    private final MigrateOptions options;
    private final JobRunner runner;
    private final PrintStream out;
    private final boolean interactive;
    private final Duration progressInterval;
    private RunTimings timings = RunTimings.startingNow();

    /** A migration of {@code options} on {@code runner}; what it does and its progress go to {@code out}. */
    public MigrationRun(MigrateOptions options, JobRunner runner, PrintStream out, boolean interactive,
            Duration progressInterval) {
        this.options = options;
        this.runner = runner;
        this.out = out;
        this.interactive = interactive;
        this.progressInterval = progressInterval;
    }

    /** Times the run from the start of this process (a command line's run), not from now. */
    public MigrationRun timedFromProcessStart() {
        this.timings = RunTimings.sinceProcessStart();
        return this;
    }

    /** Runs the migration to its report; throws {@link PreflightException} before any job starts when something is wrong. */
    public MigrationReport run() throws Exception {
        Started started = start();
        try (ProgressPrinter progress = new ProgressPrinter(out, interactive, System::nanoTime)
                .start(started, progressInterval)) {
            return started.awaitReport(progress::close);
        }
    }

    /** Checks everything, prepares the collection and starts the job; the handle follows it to its report. */
    public Started start() throws Exception {
        timings.mark(RunTimings.START_UP);
        options.validate();
        MigrateJob migrateJob = new MigrateJob();
        try (JobRunner.Preparation prepared = runner.prepare(migrateJob, options.jobConfiguration(JobRunner.PROVISIONAL_DIMENSION))) {
            return start(migrateJob);
        }
    }

    private Started start(MigrateJob migrateJob) throws Exception {
        PreflightResult preflight = new SyncPreflight(options.stores(), options.target()).run();
        timings.mark("preflight");
        String where = runner.describe();
        out.println(options + ": " + preflight.totalRecords() + " records, dimension " + preflight.dimension()
                + (preflight.collectionExists() ? ", collection exists" : ", collection will be created")
                + (options.dryRun() ? " (dry run: nothing is written)" : "") + "; running on " + where);
        Optional<String> restoreFrom = restorePoint();
        Configuration config = options.jobConfiguration(preflight.dimension());
        PreparedLoad collection = options.dryRun() ? null : CollectionSetup.prepare(options, config);
        timings.mark("collection setup");
        RunningJob job;
        try {
            job = runner.start(migrateJob, config, restoreFrom);
        } catch (Exception e) {
            finishAfterFailure(collection);
            throw e;
        }
        // a local run starts its MiniCluster here; a cluster run submits the job
        timings.mark("job start");
        job.dashboardUrl().ifPresent(url -> out.println("Flink dashboard: " + url));
        return new Started(job, preflight, restoreFrom, collection);
    }

    /** With {@code --resume}, the latest retained checkpoint or savepoint; without, a fresh start (old dead-letter parts go). */
    private Optional<String> restorePoint() throws IOException {
        if (!options.run().resume()) {
            DeadLetterFiles.deleteParts(options.run().deadLetterParts());
        }
        return ResumePoints.forRun(options.run().resume(), options.checkpointUri(), out, "starting from the beginning");
    }

    /** Also after a failure: the collection serves searches again; a resumed run decides its own bulk load. */
    private void finish(PreparedLoad collection) throws InterruptedException {
        if (collection != null) {
            CollectionSetup.finish(options, collection);
        }
    }

    /**
     * {@link #finish} after the job failed: a Qdrant still down must not hide the job's own error,
     * and the collection keeps its bulk-load mark, which the next run (with {@code --resume}) ends.
     */
    private void finishAfterFailure(PreparedLoad collection) throws InterruptedException {
        try {
            finish(collection);
        } catch (RuntimeException e) {
            out.println("could not end the bulk load of collection '" + options.collection() + "' (" + e.getMessage()
                    + "); the next run of this migration ends it");
        }
    }

    /** A started migration. */
    public final class Started implements ProgressSource {

        private final RunningJob job;
        private final PreflightResult preflight;
        private final Optional<String> restoredFrom;
        private final PreparedLoad collection;

        private Started(RunningJob job, PreflightResult preflight, Optional<String> restoredFrom,
                PreparedLoad collection) {
            this.job = job;
            this.preflight = preflight;
            this.restoredFrom = restoredFrom;
            this.collection = collection;
        }

        public RunningJob job() {
            return job;
        }

        @Override
        public Progress current() {
            Map<String, Object> counters = job.counters();
            return new Progress(
                    JobCounters.asLong(counters.get(JobCounters.MIGRATED)),
                    JobCounters.asLong(counters.get(JobCounters.FAILED)),
                    JobCounters.asLong(counters.get(JobCounters.DEAD_LETTERED)),
                    preflight.totalRecords());
        }

        /** Waits for the job's end, then merges dead letters, verifies when asked and reports. */
        public MigrationReport awaitReport() throws IOException, InterruptedException {
            return awaitReport(() -> {});
        }

        /** As {@link #awaitReport()}, telling {@code jobEnded} when the job has ended (before the verification). */
        public MigrationReport awaitReport(Runnable jobEnded) throws IOException, InterruptedException {
            JobOutcome end;
            try {
                end = job.awaitEnd();
            } catch (InterruptedException | RuntimeException e) {
                jobEnded.run();
                finishAfterFailure(collection);
                throw e;
            }
            timings.mark("snapshot");
            jobEnded.run();
            if (end.finished()) {
                finish(collection);
            } else {
                finishAfterFailure(collection);
            }
            timings.mark("bulk-load end");
            return report(end);
        }

        private MigrationReport report(JobOutcome end) throws IOException, InterruptedException {
            Map<String, Object> counters = end.counters();
            long migratedThisRun = JobCounters.asLong(counters.get(JobCounters.MIGRATED));
            boolean finished = end.finished();

            // The parts are where the TaskManagers wrote them: here, when the job ran in this process
            // or the cluster shares this file system (or wrote none); else only on the cluster's machines.
            Path parts = options.run().deadLetterParts();
            Map<String, Long> deadLettersByReason;
            long failed;
            if (Files.isDirectory(parts) || JobCounters.asLong(counters.get(JobCounters.DEAD_LETTERED)) == 0) {
                DeadLetterFiles.Merged merged = DeadLetterFiles.merge(parts, options.run().deadLetter());
                if (finished) {
                    DeadLetterFiles.deleteParts(parts);
                }
                deadLettersByReason = merged.byReason();
                failed = merged.total();
            } else {
                out.println("dead letters stay on the cluster's TaskManagers under " + parts);
                deadLettersByReason = JobCounters.deadLetteredByReason(counters);
                failed = JobCounters.asLong(counters.get(JobCounters.FAILED));
            }
            // Counters cover only the last attempt after a restart or a resume; a finished job has read
            // every record, so the exact figure is what was not dead-lettered.
            long successful = finished ? Math.max(0, preflight.totalRecords() - failed) : migratedThisRun;
            timings.mark("dead letters");

            MigrationReport.Builder report = MigrationReport.builder()
                    .status(status(end.state()))
                    .migrationId(options.migrationId())
                    .collection(options.collection())
                    .tables(options.tables())
                    .totalEntities(preflight.totalRecords())
                    .successful(successful)
                    .failed(failed)
                    .deadLetteredByReason(deadLettersByReason)
                    .deadLetterFile(options.run().deadLetter().toAbsolutePath().toString())
                    .durationMs(end.durationMs())
                    .checkpoints(end.checkpoints())
                    .pointsWritten(options.dryRun() ? 0 : migratedThisRun)
                    .bulkLoad(collection == null ? null : collection.decision())
                    .resumedFrom(restoredFrom.orElse(null))
                    .error(end.error().orElse(null));
            if (finished && options.verify() && !options.dryRun()) {
                out.println("verifying " + successful + " records in collection '" + options.collection() + "' ...");
                report.verification(MigrationVerifier.verify(options, preflight.dimension()));
                timings.mark("verification");
            }
            return report.timingsMs(timings.phasesMs()).build();
        }
    }

    private MigrationReport.Status status(JobStatus state) {
        switch (state) {
            case FINISHED:
                return options.dryRun() ? MigrationReport.Status.DRY_RUN : MigrationReport.Status.FINISHED;
            case CANCELED:
                return MigrationReport.Status.CANCELED;
            default:
                return MigrationReport.Status.FAILED;
        }
    }
}
