package io.cortexsync.jobs.migrate;

import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.StateRecoveryOptions;

import java.time.Duration;

/**
 * The Flink configuration of a migration, locally and on a cluster alike: RocksDB state,
 * incremental checkpoints every {@code --checkpoint-interval} into {@code
 * <checkpoint-dir>/<migration-id>}, retained on cancellation, and a few restarts before the run
 * fails (a failed run continues with {@code --resume}).
 */
public final class MigrationEnvironment {

    static final int RESTART_ATTEMPTS = 3;

    private MigrationEnvironment() {}

    /** The job's configuration; {@code restorePath}, when not null, is the checkpoint to continue from. */
    public static Configuration configuration(MigrateOptions options, String restorePath) {
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.NAME, jobName(options));
        // every operator of the migration makes new records and never changes or keeps one it has
        // passed on, so chained operators may share them instead of deep-copying each record (its
        // vector and metadata) at every hop
        conf.set(PipelineOptions.OBJECT_REUSE, true);
        conf.set(StateBackendOptions.STATE_BACKEND, "rocksdb");
        conf.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, true);
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, options.checkpointUri());
        conf.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION, ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        if (!options.dryRun()) {
            conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, options.checkpointInterval());
        }
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, RESTART_ATTEMPTS);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofSeconds(2));
        if (restorePath != null) {
            conf.set(StateRecoveryOptions.SAVEPOINT_PATH, restorePath);
        }
        return conf;
    }

    public static String jobName(MigrateOptions options) {
        return "cortex-sync migrate " + String.join(",", options.tables()) + " -> " + options.collection()
                + (options.dryRun() ? " (dry run)" : "");
    }
}
