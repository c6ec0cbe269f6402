package io.cortexsync.jobs.common;

import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Flink's settings every cortex-sync job starts from, locally and on a cluster alike: RocksDB state,
 * incremental checkpoints retained on cancellation (so {@code --resume} finds them), and a few
 * restarts before a run fails. Checkpoint directory and interval come with the job's configuration
 * under Flink's own keys ({@code execution.checkpointing.dir}, {@code execution.checkpointing.interval}).
 */
public final class JobEnvironment {

    public static final int RESTART_ATTEMPTS = 3;

    /**
     * Key prefixes of the connectors' and the jobs' own options. They configure the graph, never
     * the environment: a password under {@code surrealdb.*} stays out of the job's Flink configuration.
     */
    static final List<String> JOB_KEY_PREFIXES = List.of("surrealdb.", "qdrant.", "kafka.", "sync.", "migrate.");

    private JobEnvironment() {}

    /** The settings every job starts from. */
    public static Configuration defaults() {
        Configuration conf = new Configuration();
        conf.set(StateBackendOptions.STATE_BACKEND, "rocksdb");
        conf.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, true);
        conf.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION, ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, RESTART_ATTEMPTS);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofSeconds(2));
        return conf;
    }

    /** The keys of {@code config} that are Flink's own (not a connector's or a job's). */
    public static Configuration flinkKeysOf(ReadableConfig config) {
        Configuration flink = new Configuration();
        for (Map.Entry<String, String> entry : config.toMap().entrySet()) {
            if (JOB_KEY_PREFIXES.stream().noneMatch(entry.getKey()::startsWith)) {
                flink.setString(entry.getKey(), entry.getValue());
            }
        }
        return flink;
    }
}
