package io.cortexsync.cli.run;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** A job a {@link JobRunner} started, followed from the command line. */
public interface RunningJob {

    String jobId();

    /** The job's page on the Flink dashboard, when there is one. */
    Optional<String> dashboardUrl();

    /**
     * The job's counters now (Flink accumulators by name, values as numbers or text; see {@code
     * JobCounters#asLong}); the last reading once the job has ended or while it cannot be read.
     */
    Map<String, Object> counters();

    /** Waits for the job to end (finished, cancelled or failed). */
    JobOutcome awaitEnd() throws InterruptedException;

    /**
     * Stops the job with a savepoint under {@code directory} ({@code null}: the job's own savepoint
     * directory, next to its checkpoints) and returns the savepoint's path; waits at most {@code
     * timeout} for it. The sources end without draining: an unbounded job resumes where it stopped.
     */
    String stopWithSavepoint(String directory, Duration timeout) throws Exception;

    /** Stops the job with a savepoint in its own savepoint directory ({@code <checkpoint-uri>/savepoints}). */
    default String stopWithSavepoint(Duration timeout) throws Exception {
        return stopWithSavepoint(null, timeout);
    }

    /** Asks for the job to be cancelled; {@link #awaitEnd()} then reports it cancelled. */
    void cancel() throws Exception;
}
