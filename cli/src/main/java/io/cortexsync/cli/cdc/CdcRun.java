package io.cortexsync.cli.cdc;

import io.cortexsync.cli.preflight.ChangeFeedPreflight;
import io.cortexsync.cli.preflight.PreflightResult;
import io.cortexsync.cli.preflight.SyncPreflight;
import io.cortexsync.cli.run.JobRunner;
import io.cortexsync.cli.run.RunningJob;
import io.cortexsync.cli.options.StreamingSyncOptions;
import io.cortexsync.cli.run.StopSignals;
import io.cortexsync.cli.run.StreamingSetup;
import io.cortexsync.cli.run.StreamingRun;
import io.cortexsync.connector.surrealdb.source.ExpiredPositionPolicy;
import io.cortexsync.connector.surrealdb.source.StartingMode;
import io.cortexsync.jobs.cdc.CdcJob;

import org.apache.flink.configuration.Configuration;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A cdc job from the command line, the same flow wherever it runs: preflight (both stores and the
 * change feeds), collection, start (restored with {@code --resume}); locally, {@link StreamingRun}
 * follows it with progress and stops it with a savepoint when asked.
 */
public final class CdcRun {

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
        CdcJob cdcJob = new CdcJob();
        try (JobRunner.Preparation prepared = runner.prepare(cdcJob, options.jobConfiguration(JobRunner.PROVISIONAL_DIMENSION))) {
            return start(cdcJob);
        }
    }

    private RunningJob start(CdcJob cdcJob) throws Exception {
        PreflightResult preflight = new SyncPreflight(options.stores(), options.target()).run();
        snapshotRecords = options.run().resume() || options.start().mode() != StartingMode.SNAPSHOT_THEN_CHANGES
                ? Map.of() : preflight.recordsByTable();
        Optional<String> restoreFrom = StreamingSetup.restorePoint(options, out, "starting at " + options.start());
        boolean resnapshots = options.expiredPositionPolicy() == ExpiredPositionPolicy.RESNAPSHOT;
        Duration retention = new ChangeFeedPreflight(options.stores(), options.target().tables(), clock)
                .run(restoreFrom.isPresent() ? OptionalLong.empty() : options.start().versionstamp(), resnapshots);
        out.println(options + ": " + preflight.totalRecords() + " records, dimension " + preflight.dimension()
                + (preflight.collectionExists() ? ", collection exists" : ", collection will be created")
                + ", change feed kept " + retention.toSeconds() + "s; "
                + (restoreFrom.isPresent() ? "resuming" : "starting at " + options.start()) + " on " + runner.describe());
        Configuration config = options.jobConfiguration(preflight.dimension());
        StreamingSetup.ensureTopics(options, config, Map.of(), out);
        StreamingSetup.ensureCollection(options, config);
        RunningJob job = runner.start(cdcJob, config, restoreFrom);
        out.println("job " + job.jobId() + " is running");
        job.dashboardUrl().ifPresent(url -> out.println("Flink dashboard: " + url));
        return job;
    }

    /**
     * Starts the job and follows it until {@code stop} is asked for (then stops it with a
     * savepoint) or it ends by itself (failed or cancelled).
     */
    public StreamingRun.Ended run(StopSignals stop) throws Exception {
        return new StreamingRun(out, progressInterval).run(new StreamingRun.Sync() {
            private CdcProgress progress;

            @Override
            public StreamingSyncOptions options() {
                return options;
            }

            @Override
            public RunningJob start() throws Exception {
                RunningJob job = CdcRun.this.start();
                progress = new CdcProgress(clock, snapshotRecords);
                return job;
            }

            @Override
            public String progressLine(Map<String, Object> counters) {
                return progress.line(counters);
            }
        }, stop);
    }
}
