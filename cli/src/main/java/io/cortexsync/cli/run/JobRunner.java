package io.cortexsync.cli.run;

import io.cortexsync.jobs.common.SyncJob;

import org.apache.flink.configuration.Configuration;

import java.util.Optional;

/**
 * Where a job runs: a MiniCluster in this JVM ({@link MiniClusterRunner}) or a Flink cluster
 * behind its REST API ({@link RestClusterRunner}). Every job's run flow (start, follow, stop with a
 * savepoint, resume, report) is written once against this interface.
 */
public interface JobRunner {

    /** The vector size in a configuration given to {@link #prepare}, before the preflight has read the real one. */
    int PROVISIONAL_DIMENSION = 1;

    /**
     * One line about where jobs will run, after checking that they can; throws {@link
     * RunnerUnavailableException} naming the option when they cannot (a JobManager that does not answer).
     */
    String describe();

    /**
     * Gets ready to run {@code job} with {@code config} while the caller checks the stores (a
     * local runner starts its MiniCluster); {@code config} may still lack what the preflight finds
     * (the vector size), which is no setting of the cluster. Closing the preparation releases what
     * {@link #start} did not take. Nothing to prepare by default.
     */
    default Preparation prepare(SyncJob job, Configuration config) {
        return Preparation.NONE;
    }

    /**
     * Starts {@code job} with {@code config} (its keys and Flink's own, {@code parallelism.default}
     * among them), restored from a savepoint or retained checkpoint when {@code restoreFrom} is given.
     */
    RunningJob start(SyncJob job, Configuration config, Optional<String> restoreFrom) throws Exception;

    /** What {@link #prepare} got ready, released on {@link #close} unless a job took it. */
    @FunctionalInterface
    interface Preparation extends AutoCloseable {

        Preparation NONE = () -> {};

        @Override
        void close();
    }
}
