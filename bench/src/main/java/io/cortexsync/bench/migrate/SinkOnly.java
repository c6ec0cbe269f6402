package io.cortexsync.bench.migrate;

import io.cortexsync.bench.Rate;
import io.cortexsync.bench.qdrant.GeneratedEntities;
import io.cortexsync.cli.migrate.MigrateOptions;
import io.cortexsync.jobs.common.SyncJob;
import io.cortexsync.jobs.migrate.MigrateJob;
import io.cortexsync.jobs.migrate.MigrationSettings;
import io.cortexsync.jobs.migrate.QdrantSinks;
import io.cortexsync.schema.serialization.SchemaTypes;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The migration's write side alone: entities generated in memory into the migration's own
 * QdrantSink (same batch sizes and dead-letter handling), with the job's configuration.
 */
final class SinkOnly {

    private SinkOnly() {}

    /** The whole job's rate, Flink's start-up included, as the migration's rate is timed. */
    static Rate measure(MigrateOptions options, long entities, int dimension) throws Exception {
        Configuration config = options.jobConfiguration(dimension);
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.createLocalEnvironment(SyncJob.flinkConfiguration(new MigrateJob(), config));
        env.fromSequence(0, entities - 1)
                .uid("sequence")
                .map(new GeneratedEntities(dimension))
                .returns(SchemaTypes.SYNC_ENTITY)
                .uid("entities")
                .sinkTo(QdrantSinks.forMigration(MigrationSettings.from(config)))
                .uid("qdrant-sink");
        long start = System.nanoTime();
        env.execute("bench: migrate sink only");
        return Rate.between(entities, start, System.nanoTime());
    }
}
