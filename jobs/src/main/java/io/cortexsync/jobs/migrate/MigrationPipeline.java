package io.cortexsync.jobs.migrate;

import io.cortexsync.connector.surrealdb.source.StartingMode;
import io.cortexsync.connector.surrealdb.source.SurrealRecordDeserializer;
import io.cortexsync.connector.surrealdb.source.SurrealSource;
import io.cortexsync.connector.surrealdb.source.convert.SyncEntityConverter;
import io.cortexsync.connector.surrealdb.source.record.SurrealChange;
import io.cortexsync.schema.model.DeadLetter;
import io.cortexsync.schema.model.SyncEntity;
import io.cortexsync.schema.serialization.SchemaTypes;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/**
 * The migration job's graph: SurrealSource (bounded snapshot, parallel chunks) → SyncEntityConverter
 * (bad records to the dead-letter side output) → counting → QdrantSink (idempotent upserts), and the
 * dead letters → counting → part files. Every operator has a stable uid, so a checkpoint restores
 * into a later build of the same job.
 */
public final class MigrationPipeline {

    public static final String SOURCE_UID = "surrealdb-source";
    public static final String CONVERTER_UID = "to-sync-entity";
    public static final String COUNT_MIGRATED_UID = "count-migrated";
    public static final String SINK_UID = "qdrant-sink";
    public static final String COUNT_DEAD_LETTERS_UID = "count-dead-letters";
    public static final String DEAD_LETTER_FILES_UID = "dead-letter-files";

    private MigrationPipeline() {}

    /**
     * Adds the migration to {@code env}; {@code dimension} is the collection's (known before the job:
     * from {@code --dim}, the collection or the first record).
     */
    public static void build(StreamExecutionEnvironment env, MigrateOptions options, int dimension) {
        if (dimension <= 0) {
            throw new InvalidOptionException("--dim", "the job needs the vector dimension");
        }
        env.setParallelism(options.parallelism());
        SurrealSource<SurrealChange> source = SurrealSource.<SurrealChange>builder()
                .setConnectionConfig(options.surrealConnection())
                .setTables(options.tables())
                .setStartingMode(StartingMode.SNAPSHOT_ONLY)
                .setVectorFields(options.vectorField())
                .setDeserializer(SurrealRecordDeserializer.changes())
                .build();
        SingleOutputStreamOperator<SyncEntity> entities = env
                .fromSource(source, WatermarkStrategy.noWatermarks(), "SurrealDB " + String.join(",", options.tables()))
                .uid(SOURCE_UID)
                .process(new SyncEntityConverter(MigrationMapping.of(options.vectorField(), dimension)))
                .returns(SchemaTypes.SYNC_ENTITY)
                .name("to SyncEntity")
                .uid(CONVERTER_UID);
        DataStream<DeadLetter> deadLetters = entities.getSideOutput(SyncEntityConverter.DEAD_LETTERS);

        SingleOutputStreamOperator<SyncEntity> counted = entities
                .process(new MigratedCounting())
                .returns(SchemaTypes.SYNC_ENTITY)
                .name("count migrated")
                .uid(COUNT_MIGRATED_UID);
        if (options.dryRun()) {
            counted.sinkTo(new DiscardingSink<>()).name("dry run: write nothing").uid(SINK_UID);
        } else {
            counted.sinkTo(QdrantSinks.forMigration(options)).name("Qdrant " + options.collection()).uid(SINK_UID);
        }
        deadLetters
                .process(new DeadLetterCounting())
                .returns(SchemaTypes.DEAD_LETTER)
                .name("count dead letters")
                .uid(COUNT_DEAD_LETTERS_UID)
                .sinkTo(new DeadLetterFileSink(options.deadLetterParts()))
                .name("dead-letter files")
                .uid(DEAD_LETTER_FILES_UID);
    }
}
