package io.cortexsync.jobs.migrate;

import io.cortexsync.connector.surrealdb.source.StartingMode;
import io.cortexsync.connector.surrealdb.source.SurrealSource;
import io.cortexsync.connector.surrealdb.source.SurrealSourceBuilder;
import io.cortexsync.connector.surrealdb.source.convert.SyncEntityConverter;
import io.cortexsync.connector.surrealdb.source.record.SurrealChange;
import io.cortexsync.jobs.common.SurrealReads;
import io.cortexsync.jobs.deadletter.DeadLetterCounting;
import io.cortexsync.jobs.deadletter.DeadLetterFileSink;
import io.cortexsync.schema.model.DeadLetter;
import io.cortexsync.schema.model.SyncEntity;
import io.cortexsync.schema.serialization.SchemaTypes;

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

    public static final String SOURCE_UID = SurrealReads.SOURCE_UID;
    public static final String CONVERTER_UID = "to-sync-entity";
    public static final String COUNT_MIGRATED_UID = "count-migrated";
    public static final String SINK_UID = "qdrant-sink";
    public static final String DRY_RUN_CHECK_UID = "dry-run-point-check";
    public static final String COUNT_DEAD_LETTERS_UID = "count-dead-letters";
    public static final String DEAD_LETTER_FILES_UID = "dead-letter-files";

    private MigrationPipeline() {}

    /** Adds the migration to {@code env}; its parallelism is the environment's ({@code parallelism.default}). */
    public static void build(StreamExecutionEnvironment env, MigrationSettings settings) {
        SingleOutputStreamOperator<SyncEntity> entities = read(env, settings);
        DataStream<DeadLetter> deadLetters = entities.getSideOutput(SyncEntityConverter.DEAD_LETTERS);

        SingleOutputStreamOperator<SyncEntity> toWrite = entities;
        if (settings.dryRun()) {
            toWrite = entities.process(new DryRunPointCheck()).returns(SchemaTypes.SYNC_ENTITY)
                    .name("dry run: build points").uid(DRY_RUN_CHECK_UID);
            deadLetters = deadLetters.union(toWrite.getSideOutput(DryRunPointCheck.REFUSED));
        }
        SingleOutputStreamOperator<SyncEntity> counted = toWrite
                .process(new MigratedCounting())
                .returns(SchemaTypes.SYNC_ENTITY)
                .name("count migrated")
                .uid(COUNT_MIGRATED_UID);
        if (settings.dryRun()) {
            counted.sinkTo(new DiscardingSink<>()).name("dry run: write nothing").uid(SINK_UID);
        } else {
            counted.sinkTo(QdrantSinks.forMigration(settings)).name("Qdrant " + settings.collection()).uid(SINK_UID);
        }
        deadLetters
                .process(new DeadLetterCounting())
                .returns(SchemaTypes.DEAD_LETTER)
                .name("count dead letters")
                .uid(COUNT_DEAD_LETTERS_UID)
                .sinkTo(new DeadLetterFileSink(settings.deadLetterDir()))
                .name("dead-letter files")
                .uid(DEAD_LETTER_FILES_UID);
    }

    /**
     * The read side: the snapshot of the tables as entities, with bad records on the converter's
     * {@link SyncEntityConverter#DEAD_LETTERS} side output. The source-only benchmark measures this.
     */
    public static SingleOutputStreamOperator<SyncEntity> read(StreamExecutionEnvironment env, MigrationSettings settings) {
        SurrealSourceBuilder<SurrealChange> source = SurrealSource.<SurrealChange>builder()
                .setConnectionConfig(settings.surreal())
                .setStartingMode(StartingMode.SNAPSHOT_ONLY);
        return SurrealReads.entities(env, source, settings.tables(), settings.vectorField(), settings.dimension(), CONVERTER_UID);
    }
}
