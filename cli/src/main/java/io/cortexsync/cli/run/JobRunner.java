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

    /**
     * One line about where jobs will run, after checking that they can; throws {@link
     * RunnerUnavailableException} naming the option when they cannot (a JobManager that does not answer).
     */
    String describe();

    /**
     * Starts {@code job} with {@code config} (its keys and Flink's own, {@code parallelism.default}
     * among them), restored from a savepoint or retained checkpoint when {@code restoreFrom} is given.
     */
    RunningJob start(SyncJob job, Configuration config, Optional<String> restoreFrom) throws Exception;
}
