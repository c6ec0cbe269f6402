package io.cortexsync.jobs.reconcile;

import io.cortexsync.jobs.common.JobEnvironment;
import io.cortexsync.jobs.common.SyncJob;
import io.cortexsync.jobs.events.KafkaEventSinks;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Finds every difference between SurrealDB tables and the Qdrant collection they sync into: once, a
 * bounded job that reads both sides and compares them partition by partition; or, with {@code
 * reconcile.continuous}, until stopped, following the change feed and rescanning Qdrant. With
 * {@code reconcile.repair} it repairs what it found. Its main is the job jar's entry on a cluster; the
 * command line has read the collection's vector size into {@code qdrant.collection.vector-size}.
 */
public final class ReconcileJob implements SyncJob {

    public static void main(String[] args) throws Exception {
        SyncJob.main(new ReconcileJob(), args);
    }

    @Override
    public String name(ReadableConfig config) {
        ReconcileSettings settings = ReconcileSettings.from(config);
        return NAME_PREFIX + "reconcile " + String.join(",", settings.tables()) + " <-> " + settings.collection()
                + (settings.continuous() ? " (continuous)" : "") + (settings.repair() ? " (repair)" : "");
    }

    @Override
    public Configuration environment(ReadableConfig config) {
        // the continuous job never ends: it runs with the streaming jobs' settings
        return ReconcileSettings.from(config).continuous() ? JobEnvironment.streamingDefaults() : SyncJob.super.environment(config);
    }

    @Override
    public void validate(ReadableConfig config) {
        ReconcileSettings.from(config);
        KafkaEventSinks.validate(config);
    }

    @Override
    public void build(StreamExecutionEnvironment env, ReadableConfig config) {
        ReconcilePipeline.build(env, config, ReconcileSettings.from(config));
    }
}
