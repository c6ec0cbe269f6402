package io.cortexsync.cli.run;

import io.cortexsync.cli.options.StreamingSyncOptions;
import io.cortexsync.jobs.common.JobCounters;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * How every streaming job runs from the command line once started: a progress line every
 * interval, a stop with a savepoint when asked (Ctrl-C, SIGTERM), after which {@code --resume}
 * continues exactly there, and the run's end written to {@code --report}. What differs between
 * jobs (preflight, start, the progress line) is the {@link Sync}'s.
 */
public final class StreamingRun {

    /** One streaming job's side of a run. */
    public interface Sync {

        StreamingSyncOptions options();

        /** Checks everything, prepares the stores and starts the job. */
        RunningJob start() throws Exception;

        /** The progress line of the counters; may keep state between calls (for rates). */
        String progressLine(Map<String, Object> counters);

        /** Writes the run's end to {@code file} ({@code --report}); by default what every streaming job reports. */
        default void writeReport(Path file, RunningJob job, Ended ended) throws IOException {
            genericReport(options(), file, job, ended);
        }
    }

    /** How a run ended. */
    public record Ended(JobOutcome outcome, Optional<String> savepoint) {

        /** Stopped on request with a savepoint: the way a streaming run is meant to end. */
        public boolean stopped() {
            return savepoint.isPresent();
        }
    }

    /** The counters every streaming job's report carries. */
    private static final List<String> REPORTED = List.of(JobCounters.SYNCED, JobCounters.SYNCED_DELETES, JobCounters.DEAD_LETTERED);

    private final PrintStream out;
    private final Duration progressInterval;

    public StreamingRun(PrintStream out, Duration progressInterval) {
        this.out = out;
        this.progressInterval = progressInterval;
    }

    /**
     * Starts the sync's job and follows it until {@code stop} is asked for (then stops it with a
     * savepoint) or it ends by itself (failed or cancelled).
     */
    public Ended run(Sync sync, StopSignals stop) throws Exception {
        RunningJob job = sync.start();
        stop.arm();
        out.println("Ctrl-C stops it with a savepoint");
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
                out.println(sync.progressLine(job.counters()));
                continue;
            }
            if (stop.requested().isDone() && !ended.isDone()) {
                return stopWithSavepoint(sync, job, ended, stop.requested().getNow("stop"));
            }
            JobOutcome outcome = joined(ended);
            StreamingSetup.mergeDeadLetters(sync.options(), out);
            out.println("job " + job.jobId() + " ended " + outcome.state()
                    + outcome.error().map(e -> ": " + e).orElse("") + "; " + sync.progressLine(outcome.counters()));
            return report(sync, job, new Ended(outcome, Optional.empty()));
        }
    }

    private Ended stopWithSavepoint(Sync sync, RunningJob job, CompletableFuture<JobOutcome> ended, String why) throws Exception {
        StreamingSyncOptions options = sync.options();
        out.println(why + ": stopping job " + job.jobId() + " with a savepoint under " + options.savepointUri());
        String savepoint = job.stopWithSavepoint(options.savepointUri(), options.stopTimeout());
        JobOutcome outcome = joined(ended);
        StreamingSetup.mergeDeadLetters(options, out);
        out.println("stopped at savepoint " + savepoint + "; " + sync.progressLine(outcome.counters()));
        out.println("continue with the same options and --resume");
        return report(sync, job, new Ended(outcome, Optional.of(savepoint)));
    }

    /** Writes the run's end to the report file, when asked. */
    private static Ended report(Sync sync, RunningJob job, Ended ended) throws IOException {
        Path reportFile = sync.options().run().report();
        if (reportFile != null) {
            sync.writeReport(reportFile.toAbsolutePath(), job, ended);
        }
        return ended;
    }

    private static void genericReport(StreamingSyncOptions options, Path file, RunningJob job, Ended ended) throws IOException {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("sync_id", options.syncId());
        report.put("job_id", job.jobId());
        report.put("state", ended.outcome().state().name());
        report.put("savepoint", ended.savepoint().orElse(null));
        report.put("error", ended.outcome().error().orElse(null));
        report.put("duration_ms", ended.outcome().durationMs());
        report.put("checkpoints", ended.outcome().checkpoints());
        for (String counter : REPORTED) {
            report.put(counter, JobCounters.asLong(ended.outcome().counters().get(counter)));
        }
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(file.toFile(), report);
    }

    private static JobOutcome joined(CompletableFuture<JobOutcome> ended) throws InterruptedException {
        try {
            return ended.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not follow the job to its end", e.getCause());
        }
    }
}
