package io.cortexsync.jobs.cdc;

import io.cortexsync.jobs.common.SyncJob;
import io.cortexsync.jobs.events.KafkaEventSinks;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.time.Duration;

/**
 * Keeps a Qdrant collection in step with SurrealDB tables' change feed: an unbounded job that runs
 * until stopped (with a savepoint) and resumes from it. Its main is the job jar's entry on a
 * cluster; its arguments are the configuration's {@code --key value} pairs. The command line has
 * run the preflight, created the collection and the topics, and writes the vector size it found
 * under {@code qdrant.collection.vector-size}.
 */
public final class CdcJob implements SyncJob {

    public static void main(String[] args) throws Exception {
        SyncJob.main(new CdcJob(), args);
    }

    @Override
    public String name(ReadableConfig config) {
        CdcSettings settings = CdcSettings.from(config);
        return "cortex-sync cdc " + String.join(",", settings.tables()) + " -> " + settings.collection();
    }

    @Override
    public void validate(ReadableConfig config) {
        CdcSettings.from(config);
        KafkaEventSinks.validate(config);
    }

    @Override
    public Configuration environment(ReadableConfig config) {
        Configuration conf = SyncJob.super.environment(config);
        // a job that runs for months rides out outages of either store: it restarts from its last
        // checkpoint as often as it takes, waiting longer each time, and the wait resets once it has
        // run for a while
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "exponential-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_INITIAL_BACKOFF, Duration.ofSeconds(1));
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_MAX_BACKOFF, Duration.ofMinutes(1));
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_RESET_BACKOFF_THRESHOLD, Duration.ofMinutes(10));
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_ATTEMPTS, Integer.MAX_VALUE);
        return conf;
    }

    @Override
    public void build(StreamExecutionEnvironment env, ReadableConfig config) {
        CdcPipeline.build(env, config, CdcSettings.from(config));
    }
}
