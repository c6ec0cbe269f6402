package io.cortexsync.jobs.migrate;

import io.cortexsync.jobs.common.SyncJob;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The migration: SurrealDB tables into one Qdrant collection, a bounded job. Its main is the job
 * jar's entry on a cluster; its arguments are the configuration's {@code --key value} pairs. The
 * command line has run the preflight and created the collection before, and writes the vector size
 * it found under {@code qdrant.collection.vector-size}.
 */
public final class MigrateJob implements SyncJob {

    public static void main(String[] args) throws Exception {
        SyncJob.main(new MigrateJob(), args);
    }

    @Override
    public String name(ReadableConfig config) {
        MigrationSettings settings = MigrationSettings.from(config);
        return NAME_PREFIX + "migrate " + String.join(",", settings.tables()) + " -> " + settings.collection()
                + (settings.dryRun() ? " (dry run)" : "");
    }

    @Override
    public void validate(ReadableConfig config) {
        MigrationSettings.from(config);
    }

    @Override
    public Configuration environment(ReadableConfig config) {
        Configuration conf = SyncJob.super.environment(config);
        // every operator of the migration makes new records and never changes or keeps one it has
        // passed on, so chained operators may share them instead of deep-copying each record (its
        // vector and metadata) at every hop
        conf.set(PipelineOptions.OBJECT_REUSE, true);
        return conf;
    }

    /**
     * Reading, converting and writing chain into one task; a dry run joins the dead letters of two
     * operators (the conversion's and the point check's) into one, which is an exchange.
     */
    @Override
    public boolean exchangesRecords(ReadableConfig config) {
        return config.get(MigrateJobOptions.DRY_RUN);
    }

    @Override
    public void build(StreamExecutionEnvironment env, ReadableConfig config) {
        MigrationPipeline.build(env, MigrationSettings.from(config));
    }
}
