package io.cortexsync.bench.migrate;

import io.cortexsync.bench.Rate;
import io.cortexsync.connector.surrealdb.source.StartingMode;
import io.cortexsync.connector.surrealdb.source.SurrealRecordDeserializer;
import io.cortexsync.connector.surrealdb.source.SurrealSource;
import io.cortexsync.connector.surrealdb.source.convert.SyncEntityConverter;
import io.cortexsync.connector.surrealdb.source.record.SurrealChange;
import io.cortexsync.jobs.migrate.MigrateOptions;
import io.cortexsync.jobs.migrate.MigrationEnvironment;
import io.cortexsync.jobs.migrate.MigrationMapping;
import io.cortexsync.schema.model.SyncEntity;
import io.cortexsync.schema.serialization.SchemaTypes;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

import java.util.concurrent.atomic.LongAdder;

/**
 * The migration's read side alone: the same SurrealSource and SyncEntityConverter as the job, with
 * the job's configuration (RocksDB, checkpoints), into a discarding sink.
 */
final class SourceOnly {

    /** Shared with the tasks: the MiniCluster runs in this JVM. */
    private static final LongAdder ENTITIES = new LongAdder();

    private SourceOnly() {}

    /** The whole job's rate, Flink's start-up included, as the migration's rate is timed. */
    static Rate measure(MigrateOptions options, int dimension) throws Exception {
        ENTITIES.reset();
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.createLocalEnvironment(MigrationEnvironment.configuration(options, null));
        env.setParallelism(options.parallelism());
        SurrealSource<SurrealChange> source = SurrealSource.<SurrealChange>builder()
                .setConnectionConfig(options.surrealConnection())
                .setTables(options.tables())
                .setStartingMode(StartingMode.SNAPSHOT_ONLY)
                .setVectorFields(options.vectorField())
                .setDeserializer(SurrealRecordDeserializer.changes())
                .build();
        env.fromSource(source, WatermarkStrategy.noWatermarks(), "surrealdb-source")
                .uid("surrealdb-source")
                .process(new SyncEntityConverter(MigrationMapping.of(options.vectorField(), dimension)))
                .returns(SchemaTypes.SYNC_ENTITY)
                .uid("to-sync-entity")
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
