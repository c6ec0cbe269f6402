package io.cortexsync.bench.migrate;

import io.cortexsync.bench.Rate;
import io.cortexsync.cli.migrate.MigrateOptions;
import io.cortexsync.jobs.common.SyncJob;
import io.cortexsync.jobs.migrate.MigrateJob;
import io.cortexsync.jobs.migrate.MigrationPipeline;
import io.cortexsync.jobs.migrate.MigrationSettings;
import io.cortexsync.schema.model.SyncEntity;
import io.cortexsync.schema.serialization.SchemaTypes;

import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

import java.util.concurrent.atomic.LongAdder;

/**
 * The migration's read side alone: the job's own {@link MigrationPipeline#read} (SurrealSource and
 * SyncEntityConverter) with the job's configuration (RocksDB, checkpoints), into a discarding sink.
 */
final class SourceOnly {

    /** Shared with the tasks: the MiniCluster runs in this JVM. */
    private static final LongAdder ENTITIES = new LongAdder();

    private SourceOnly() {}

    /** The whole job's rate, Flink's start-up included, as the migration's rate is timed. */
    static Rate measure(MigrateOptions options, int dimension) throws Exception {
        ENTITIES.reset();
        Configuration config = options.jobConfiguration(dimension);
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.createLocalEnvironment(SyncJob.flinkConfiguration(new MigrateJob(), config));
        MigrationPipeline.read(env, MigrationSettings.from(config))
                .map(new Counting())
                .returns(SchemaTypes.SYNC_ENTITY)
                .uid("count")
                .sinkTo(new DiscardingSink<>())
                .uid("discard");
        long start = System.nanoTime();
        env.execute("bench: migrate source only");
        return Rate.between(ENTITIES.sum(), start, System.nanoTime());
    }

    private static final class Counting implements MapFunction<SyncEntity, SyncEntity> {
        @Override
        public SyncEntity map(SyncEntity entity) {
            ENTITIES.increment();
            return entity;
        }
    }
}
