package io.cortexsync.jobs.dualwrite;

import io.cortexsync.connector.dualwrite.DualWriteSink;
import io.cortexsync.jobs.common.JobEnvironment;
import io.cortexsync.jobs.common.SyncJob;
import io.cortexsync.jobs.events.KafkaEventSinks;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.IllegalConfigurationException;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Lands every entity change of a Kafka topic in SurrealDB, then Qdrant, exactly once, with one
 * final sync event per change: an unbounded job that runs until stopped (with a savepoint) and
 * resumes from it. Its main is the job jar's entry on a cluster. The command line has run the
 * preflight and created the collection and the topics.
 */
public final class DualWriteJob implements SyncJob {

    public static void main(String[] args) throws Exception {
        SyncJob.main(new DualWriteJob(), args);
    }

    @Override
    public String name(ReadableConfig config) {
        DualWriteJobSettings settings = DualWriteJobSettings.from(config);
        return "cortex-sync dual-write " + settings.inputTopic() + " -> " + String.join(",", settings.tables())
                + " + " + settings.collection();
    }

    @Override
    public void validate(ReadableConfig config) {
        DualWriteJobSettings.from(config);
        KafkaEventSinks.validate(config);
        try {
            DualWriteSink.builder().setOptions(config).build();
        } catch (IllegalArgumentException e) {
            throw new IllegalConfigurationException(e.getMessage(), e);
        }
    }

    @Override
    public Configuration environment(ReadableConfig config) {
        return JobEnvironment.streamingDefaults();
    }

    @Override
    public void build(StreamExecutionEnvironment env, ReadableConfig config) {
        DualWritePipeline.build(env, config, DualWriteJobSettings.from(config));
    }
}
