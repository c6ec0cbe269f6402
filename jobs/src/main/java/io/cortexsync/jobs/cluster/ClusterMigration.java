package io.cortexsync.jobs.cluster;

import io.cortexsync.connector.qdrant.admin.BulkLoad;
import io.cortexsync.jobs.migrate.CheckpointLocator;
import io.cortexsync.jobs.migrate.CollectionSetup;
import io.cortexsync.jobs.migrate.DeadLetterFiles;
import io.cortexsync.jobs.migrate.MigrateJob;
import io.cortexsync.jobs.migrate.MigrateOptions;
import io.cortexsync.jobs.migrate.MigrationCounters;
import io.cortexsync.jobs.migrate.MigrationPreflight;
import io.cortexsync.jobs.migrate.MigrationReport;
import io.cortexsync.jobs.migrate.MigrationVerifier;
import io.cortexsync.jobs.migrate.PreflightException;
import io.cortexsync.jobs.migrate.PreflightResult;
import io.cortexsync.jobs.migrate.ProgressPrinter;
import io.cortexsync.jobs.migrate.VerificationResult;
import org.apache.flink.api.common.JobStatus;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A migration run on a Flink session cluster and driven from the client: preflight, upload of the
 * job jar, run (restored from the latest retained checkpoint with {@code --resume}), progress until
 * the job ends, dead letters merged, verification, report. Only the cluster's REST API is used.
 */
public final class ClusterMigration {

    /** The entry class the cluster runs: the same main as a local {@code migrate}. */
    public static final String ENTRY_CLASS = MigrateJob.class.getName();

    private static final Duration POLL_INTERVAL = Duration.ofSeconds(1);

    /** A JobManager that stops answering for this long is given up on (the job may still run). */
    private static final Duration UNREACHABLE_LIMIT = Duration.ofMinutes(2);

    private final MigrateOptions options;
    private final FlinkRestClient rest;
    private final Path jobJar;
    private final PrintStream progressOut;
    private final boolean interactive;
    private final Duration progressInterval;
    private final PrintStream log;
    private volatile String jobId;

    /**
     * A migration of {@code options} on the cluster behind {@code rest}; progress goes to {@code
     * progressOut} (a redrawn bar when {@code interactive}), what it does to {@code log}.
     */
    public ClusterMigration(MigrateOptions options, FlinkRestClient rest, Path jobJar, PrintStream progressOut,
            boolean interactive, Duration progressInterval, PrintStream log) {
        this.options = options;
        this.rest = rest;
        this.jobJar = jobJar;
        this.progressOut = progressOut;
        this.interactive = interactive;
        this.progressInterval = progressInterval;
        this.log = log;
    }

    /** The id of the job on the cluster, once it was started (null before). */
    public String jobId() {
        return jobId;
    }

    /** Runs the migration to its end; throws {@link PreflightException} before any job starts when something is wrong. */
    public MigrationReport run() throws IOException, InterruptedException {
        options.validate();
        PreflightResult preflight = new MigrationPreflight(options).run();
        ClusterOverview cluster;
        try {
            cluster = rest.overview();
        } catch (FlinkRestException e) {
            throw new PreflightException("--jobmanager: " + e.getMessage(), e);
        }
        Optional<String> restoreFrom = restorePoint();
        log.printf("submitting %s to Flink %s at %s (%d TaskManagers, %d of %d slots free)%n", options,
                cluster.flinkVersion(), rest.baseUri(), cluster.taskManagers(), cluster.slotsAvailable(), cluster.slotsTotal());
        restoreFrom.ifPresent(path -> log.println("resuming from " + path));

        // HNSW indexing off while the points load, back on when the job has ended (also after a
        // failure: the collection serves searches again; a resumed run starts another bulk load)
        BulkLoad bulkLoad = options.dryRun() ? null : CollectionSetup.prepare(options, preflight);
        JobInfo end;
        try {
            end = runToEnd(preflight, restoreFrom);
        } finally {
            if (bulkLoad != null) {
                CollectionSetup.finish(options, bulkLoad);
            }
        }
        return report(preflight, end, restoreFrom);
    }

    /** Uploads the jar, runs the job, prints its progress until it ends, and removes the jar again. */
    private JobInfo runToEnd(PreflightResult preflight, Optional<String> restoreFrom) throws InterruptedException {
        String jarId = rest.uploadJar(jobJar);
        try {
            JarRunRequest request = JarRunRequest.of(ENTRY_CLASS, ClusterJobArgs.of(options, preflight.dimension()))
                    .withParallelism(options.parallelism());
            if (restoreFrom.isPresent()) {
                request = request.restoredFrom(restoreFrom.get());
            }
            jobId = rest.runJar(jarId, request);
            log.printf("job %s runs; dashboard: %s#/job/running/%s/overview%n", jobId, rest.baseUri(), jobId);
            try (ProgressPrinter progress = new ProgressPrinter(progressOut, interactive, System::nanoTime)
                    .start(new RestProgressSource(rest, jobId, preflight.totalRecords()), progressInterval)) {
                return awaitEnd(jobId);
            }
        } finally {
            try {
                rest.deleteJar(jarId);
            } catch (FlinkRestException e) {
                log.println("could not delete the uploaded jar " + jarId + ": " + e.getMessage());
            }
        }
    }

    /** With {@code --resume}, the latest retained checkpoint; without, a fresh start (old dead-letter parts go). */
    private Optional<String> restorePoint() throws IOException {
        if (!options.resume()) {
            DeadLetterFiles.deleteParts(options.deadLetterParts());
            return Optional.empty();
        }
        Optional<String> latest = CheckpointLocator.latest(options.checkpointUri());
        if (latest.isEmpty()) {
            log.println("--resume: no retained checkpoint under " + options.checkpointUri() + "; starting from the beginning");
        }
        return latest;
    }

    private JobInfo awaitEnd(String id) throws InterruptedException {
        long unreachableSince = -1;
        while (true) {
            try {
                JobInfo job = rest.job(id);
                unreachableSince = -1;
                if (job.isTerminal()) {
                    return job;
                }
            } catch (FlinkRestException e) {
                long now = System.nanoTime();
                unreachableSince = unreachableSince < 0 ? now : unreachableSince;
                if (now - unreachableSince > UNREACHABLE_LIMIT.toNanos()) {
                    throw new FlinkRestException("lost the JobManager while job " + id + " ran (it may still run)", e);
                }
            }
            Thread.sleep(POLL_INTERVAL.toMillis());
        }
    }

    private MigrationReport report(PreflightResult preflight, JobInfo end, Optional<String> restoredFrom)
            throws IOException, InterruptedException {
        Map<String, String> accumulators = rest.accumulators(end.id());
        long migratedThisRun = MigrationCounters.asLong(accumulators.get(MigrationCounters.MIGRATED));
        boolean finished = end.state() == JobStatus.FINISHED;

        Path parts = options.deadLetterParts();
        Map<String, Long> deadLettersByReason;
        long failed;
        // The parts are where the TaskManagers wrote them: here, when the cluster shares this file
        // system (or wrote none); else only on the cluster's machines.
        boolean partsVisible = Files.isDirectory(parts)
                || MigrationCounters.asLong(accumulators.get(MigrationCounters.DEAD_LETTERED)) == 0;
        if (partsVisible) {
            DeadLetterFiles.Merged merged = DeadLetterFiles.merge(parts, options.deadLetter());
            if (finished) {
                DeadLetterFiles.deleteParts(parts);
            }
            deadLettersByReason = merged.byReason();
            failed = merged.total();
        } else {
            log.println("dead letters stay on the cluster's TaskManagers under " + parts);
            deadLettersByReason = MigrationCounters.deadLetteredByReason(accumulators);
            failed = MigrationCounters.asLong(accumulators.get(MigrationCounters.FAILED));
        }
        // Accumulators count only the last attempt after a restart or a resume; a finished job has
        // read every record, so the exact figure is what was not dead-lettered.
        long successful = finished ? Math.max(0, preflight.totalRecords() - failed) : migratedThisRun;

        MigrationReport.Builder report = MigrationReport.builder()
                .status(status(end.state()))
                .migrationId(options.migrationId())
                .collection(options.collection())
                .tables(options.tables())
                .totalEntities(preflight.totalRecords())
                .successful(successful)
                .failed(failed)
                .deadLetteredByReason(deadLettersByReason)
                .deadLetterFile(options.deadLetter().toString())
                .durationMs(end.durationMs())
                .checkpoints(rest.checkpoints(end.id()).completed())
                .pointsWritten(options.dryRun() ? 0 : migratedThisRun);
        restoredFrom.ifPresent(report::resumedFrom);
        if (!finished) {
            List<String> causes = rest.exceptions(end.id());
            report.error(end.state() == JobStatus.CANCELED ? "cancelled on the cluster"
                    : causes.isEmpty() ? "failed on the cluster" : causes.get(0));
        }
        if (finished && options.verify() && !options.dryRun()) {
            VerificationResult verification = MigrationVerifier.verify(options, preflight.dimension());
            report.verification(verification);
        }
        return report.build();
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
