package io.cortexsync.cli.dualwrite;

import io.cortexsync.cli.preflight.PreflightResult;
import io.cortexsync.cli.preflight.SyncPreflight;
import io.cortexsync.cli.run.JobRunner;
import io.cortexsync.cli.run.RunningJob;
import io.cortexsync.cli.options.StreamingSyncOptions;
import io.cortexsync.cli.run.StopSignals;
import io.cortexsync.cli.run.StreamingSetup;
import io.cortexsync.cli.run.StreamingRun;
import io.cortexsync.jobs.dualwrite.DualWriteJob;

import org.apache.flink.configuration.Configuration;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * A dual-write job from the command line, the same flow wherever it runs: preflight (both
 * stores; the tables may not exist yet), the collection and the topics, start (restored with
 * {@code --resume}); locally, {@link StreamingRun} follows it and stops it with a savepoint.
 */
public final class DualWriteRun implements StreamingRun.Sync {

    private final DualWriteCommandOptions options;
    private final JobRunner runner;
    private final PrintStream out;
    private final Duration progressInterval;
    private final DualWriteProgress progress = new DualWriteProgress();

    public DualWriteRun(DualWriteCommandOptions options, JobRunner runner, PrintStream out, Duration progressInterval) {
        this.options = options;
        this.runner = runner;
        this.out = out;
        this.progressInterval = progressInterval;
    }

    @Override
    public RunningJob start() throws Exception {
        options.validate();
        DualWriteJob dualWriteJob = new DualWriteJob();
        try (JobRunner.Preparation prepared = runner.prepare(dualWriteJob, options.jobConfiguration(JobRunner.PROVISIONAL_DIMENSION))) {
            return start(dualWriteJob);
        }
    }

    private RunningJob start(DualWriteJob dualWriteJob) throws Exception {
        PreflightResult preflight = new SyncPreflight(options.stores(), options.target(), true).run();
        Optional<String> restoreFrom = StreamingSetup.restorePoint(options, out, "starting");
        out.println(options + ": dimension " + preflight.dimension()
                + (preflight.collectionExists() ? ", collection exists" : ", collection will be created") + "; "
                + (restoreFrom.isPresent() ? "resuming" : "starting") + " on " + runner.describe());
        Configuration config = options.jobConfiguration(preflight.dimension());
        StreamingSetup.ensureTopics(options, config, Map.of(options.inputTopic(), "--input-topic"), out);
        StreamingSetup.ensureCollection(options, config);
        RunningJob job = runner.start(dualWriteJob, config, restoreFrom);
        out.println("job " + job.jobId() + " is running");
        job.dashboardUrl().ifPresent(url -> out.println("Flink dashboard: " + url));
        return job;
    }

    /** Starts the job and follows it until {@code stop} is asked for or it ends by itself. */
    public StreamingRun.Ended run(StopSignals stop) throws Exception {
        return new StreamingRun(out, progressInterval).run(this, stop);
    }

    @Override
    public String progressLine(Map<String, Object> counters) {
        return progress.line(counters);
    }

    @Override
    public StreamingSyncOptions options() {
        return options;
    }
}
