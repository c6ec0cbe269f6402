package io.cortexsync.bench.migrate;

import io.cortexsync.bench.Rate;
import io.cortexsync.cli.migrate.MigrateOptions;
import io.cortexsync.jobs.common.SyncJob;
import io.cortexsync.jobs.migrate.MigrateJob;
import io.cortexsync.jobs.migrate.MigrationSettings;
import io.cortexsync.jobs.migrate.QdrantSinks;
import io.cortexsync.schema.serialization.SchemaTypes;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The migration's write side alone: the entities of a table's rows, made in memory, into the
 * migration's own QdrantSink (same batch sizes and dead-letter handling), with the job's configuration.
 */
final class SinkOnly {

    private SinkOnly() {}

    /** The whole job's rate, Flink's start-up included, as the migration's rate is timed. */
    static Rate measure(MigrateOptions options, BenchRows rows, String table, long entities) throws Exception {
        int dimension = rows.dim();
        Configuration config = options.jobConfiguration(dimension);
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.createLocalEnvironment(SyncJob.flinkConfiguration(new MigrateJob(), config));
        env.fromSequence(0, entities - 1)
                .uid("sequence")
                .map(new RowEntities(rows, table))
                .returns(SchemaTypes.SYNC_ENTITY)
                .uid("entities")
                .sinkTo(QdrantSinks.forMigration(MigrationSettings.from(config)))
                .uid("qdrant-sink");
        long start = System.nanoTime();
        env.execute("bench: migrate sink only");
        return Rate.between(entities, start, System.nanoTime());
    }
}
