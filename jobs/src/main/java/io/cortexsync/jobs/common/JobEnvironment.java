package io.cortexsync.jobs.common;

import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Flink's settings every cortex-sync job starts from, locally and on a cluster alike: RocksDB state,
 * incremental checkpoints retained on cancellation (so {@code --resume} finds them), and a few
 * restarts before a run fails. Checkpoint directory and interval come with the job's configuration
 * under Flink's own keys ({@code execution.checkpointing.dir}, {@code execution.checkpointing.interval});
 * savepoints go next to the checkpoints, see {@link #withSavepointDirectory}.
 */
public final class JobEnvironment {

    /**
     * Restarts of a bounded job before it fails: with the backoff of {@link #defaults()} (1 s
     * doubling to 10 s) they span about 75 s beyond the tasks' own retries. A Qdrant unavailable
     * for 30 s took 6 of them in the fault matrix; a failure that waiting does not cure still ends
     * the run in about two minutes.
     */
    public static final int RESTART_ATTEMPTS = 10;

    /** The subdirectory of a run's checkpoint directory that its savepoints go to. */
    public static final String SAVEPOINTS = "savepoints";

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
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "exponential-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_INITIAL_BACKOFF, Duration.ofSeconds(1));
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_MAX_BACKOFF, Duration.ofSeconds(10));
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_ATTEMPTS, RESTART_ATTEMPTS);
        return conf;
    }

    /**
     * {@link #defaults()} for a job that runs for months: it rides out outages of either store by
     * restarting from its last checkpoint as often as it takes, waiting longer each time, and the
     * wait resets once it has run for a while.
     */
    public static Configuration streamingDefaults() {
        Configuration conf = defaults();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "exponential-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_INITIAL_BACKOFF, Duration.ofSeconds(1));
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_MAX_BACKOFF, Duration.ofMinutes(1));
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_RESET_BACKOFF_THRESHOLD, Duration.ofMinutes(10));
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_ATTEMPTS, Integer.MAX_VALUE);
        return conf;
    }

    /** Where the savepoints of a run whose checkpoints go to {@code checkpointUri} go: {@code <checkpointUri>/savepoints}. */
    public static String savepointDirectory(String checkpointUri) {
        return checkpointUri.replaceAll("/+$", "") + "/" + SAVEPOINTS;
    }

    /**
     * {@code conf} with its savepoint directory ({@code execution.checkpointing.savepoint-dir}) next
     * to its checkpoints, unless it names one: a stop with a savepoint that names no directory then
     * lands where {@code --resume} looks. The directory is also published as a global job parameter
     * of the same key, because a cluster's REST API does not show a job's configuration but does show
     * those ({@code GET /jobs/<id>/config}): a client stopping the job from elsewhere reads it there.
     */
    public static Configuration withSavepointDirectory(Configuration conf) {
        if (!conf.contains(CheckpointingOptions.SAVEPOINT_DIRECTORY)) {
            conf.getOptional(CheckpointingOptions.CHECKPOINTS_DIRECTORY).ifPresent(
                    dir -> conf.set(CheckpointingOptions.SAVEPOINT_DIRECTORY, savepointDirectory(dir)));
        }
        conf.getOptional(CheckpointingOptions.SAVEPOINT_DIRECTORY).ifPresent(dir -> {
            Map<String, String> parameters = new HashMap<>(conf.getOptional(PipelineOptions.GLOBAL_JOB_PARAMETERS).orElse(Map.of()));
            parameters.put(CheckpointingOptions.SAVEPOINT_DIRECTORY.key(), dir);
            conf.set(PipelineOptions.GLOBAL_JOB_PARAMETERS, parameters);
        });
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
