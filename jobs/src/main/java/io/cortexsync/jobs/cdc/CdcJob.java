package io.cortexsync.jobs.cdc;

import io.cortexsync.jobs.common.JobEnvironment;
import io.cortexsync.jobs.common.SyncJob;
import io.cortexsync.jobs.events.KafkaEventSinks;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

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
        return JobEnvironment.streamingDefaults();
    }

    @Override
    public void build(StreamExecutionEnvironment env, ReadableConfig config) {
        CdcPipeline.build(env, config, CdcSettings.from(config));
    }
}
