package io.cortexsync.jobs.cdc;

import io.cortexsync.connector.qdrant.convert.EntityChangePointConverter;
import io.cortexsync.connector.qdrant.sink.QdrantConfirmedWrites;
import io.cortexsync.connector.qdrant.QdrantOptions;
import io.cortexsync.connector.qdrant.sink.QdrantSink;
import io.cortexsync.connector.qdrant.sink.QdrantSinkBuilder;
import io.cortexsync.connector.surrealdb.source.SurrealSource;
import io.cortexsync.connector.surrealdb.source.convert.EntityChangeConverter;
import io.cortexsync.connector.surrealdb.source.record.SurrealChange;
import io.cortexsync.jobs.common.SurrealReads;
import io.cortexsync.jobs.deadletter.DeadLetterCounting;
import io.cortexsync.jobs.events.DeadLetterEvents;
import io.cortexsync.jobs.events.SyncEventCounting;
import io.cortexsync.jobs.deadletter.DeadLetterFileSink;
import io.cortexsync.schema.model.DeadLetter;
import io.cortexsync.schema.model.EntityChange;
import io.cortexsync.schema.model.SyncEvent;
import io.cortexsync.schema.serialization.SchemaTypes;

import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.time.Duration;

/**
 * The cdc job's graph: SurrealSource (snapshot, then the change feed) → EntityChangeConverter
 * (upserts and deletes in one ordered stream; bad records to dead letters) → keyed by record id →
 * confirmed Qdrant writes → one {@link SyncEvent} per change → counting → the events sink; dead
 * letters → counting → files and the dead-letter sink; each finished snapshot → pruning of the
 * points it did not rewrite. Keying by record id keeps each record's changes in order at any
 * parallelism; every operator has a stable uid, so a savepoint restores into a later build.
 */
public final class CdcPipeline {

    /** The cdc job's {@code qdrant.sink.max-buffered-time} unless configured. */
    static final Duration MAX_BUFFERED_TIME = Duration.ofMillis(100);

    public static final String SOURCE_UID = SurrealReads.SOURCE_UID;
    public static final String CONVERTER_UID = "to-entity-change";
    public static final String QDRANT_UID = "qdrant-writes";
    public static final String DEAD_LETTER_EVENTS_UID = "dead-letter-events";
    public static final String COUNT_EVENTS_UID = "count-sync-events";
    public static final String COUNT_DEAD_LETTERS_UID = "count-dead-letters";
    public static final String DEAD_LETTER_FILES_UID = "dead-letter-files";
    public static final String COUNT_SNAPSHOTS_UID = "count-finished-snapshots";
    public static final String SNAPSHOT_PRUNING_UID = "snapshot-pruning";

    private CdcPipeline() {}

    /** Adds the cdc job to {@code env}. */
    public static void build(StreamExecutionEnvironment env, ReadableConfig config, CdcSettings settings) {
        SingleOutputStreamOperator<EntityChange> changes = SurrealReads.changes(env,
                SurrealSource.<SurrealChange>builder().setOptions(config),
                settings.tables(), settings.vectorField(), settings.dimension(), CONVERTER_UID);

        SingleOutputStreamOperator<SyncEvent> written = QdrantConfirmedWrites.apply(
                        changes.keyBy(CdcPipeline::recordKey), qdrantSink(config, settings), new SyncEventOutcomes(), SchemaTypes.SYNC_EVENT)
                .name("Qdrant " + settings.collection())
                .uid(QDRANT_UID);

        DataStream<DeadLetter> sourceDeadLetters = changes.getSideOutput(EntityChangeConverter.DEAD_LETTERS);
        DataStream<SyncEvent> events = written.union(sourceDeadLetters
                .map(new DeadLetterEvents())
                .returns(SchemaTypes.SYNC_EVENT)
                .name("dead letters as events")
                .uid(DEAD_LETTER_EVENTS_UID));
        SingleOutputStreamOperator<SyncEvent> counted = events
                .process(new SyncEventCounting())
                .returns(SchemaTypes.SYNC_EVENT)
                .name("count sync events")
                .uid(COUNT_EVENTS_UID);
        CdcSinks.events(counted, config);

        SingleOutputStreamOperator<DeadLetter> deadLetters = sourceDeadLetters
                .union(written.getSideOutput(QdrantConfirmedWrites.DEAD_LETTERS))
                .process(new DeadLetterCounting())
                .returns(SchemaTypes.DEAD_LETTER)
                .name("count dead letters")
                .uid(COUNT_DEAD_LETTERS_UID);
        settings.deadLetterDir().ifPresent(dir -> deadLetters
                .sinkTo(new DeadLetterFileSink(dir))
                .name("dead-letter files")
                .uid(DEAD_LETTER_FILES_UID));
        CdcSinks.deadLetters(deadLetters, config);

        changes.getSideOutput(EntityChangeConverter.SNAPSHOTS)
                .process(new SnapshotCounting())
                .returns(EntityChangeConverter.SNAPSHOTS.getTypeInfo())
                .setParallelism(1)
                .name("count finished snapshots")
                .uid(COUNT_SNAPSHOTS_UID)
                .sinkTo(new SnapshotPruneSink(settings.qdrant(), settings.collection()))
                .setParallelism(1)
                .name("prune after snapshot")
                .uid(SNAPSHOT_PRUNING_UID);
    }

    private static String recordKey(EntityChange change) {
        return change.recordId().canonical();
    }

    /**
     * The Qdrant writes. Unless configured otherwise, a write is retried (with the backoff capped at
     * {@code qdrant.sink.max-backoff}) for as long as Qdrant is unavailable: a streaming job holds
     * and catches up, where a restart would only read the same changes again. And a partly filled
     * batch waits {@link #MAX_BUFFERED_TIME} at most, not the sink's default, which a bulk load can
     * afford but which would add itself to every change's commit-to-Qdrant latency.
     */
    private static QdrantSink<EntityChange> qdrantSink(ReadableConfig config, CdcSettings settings) {
        QdrantSinkBuilder<EntityChange> sink = QdrantSink.<EntityChange>builder()
                .setOptions(config)
                .setConnectionConfig(settings.qdrant())
                .setCollectionName(settings.collection())
                .setPointConverter(new EntityChangePointConverter());
        if (config.getOptional(QdrantOptions.SINK_MAX_RETRIES).isEmpty()) {
            sink.setMaxRetries(Integer.MAX_VALUE);
        }
        if (config.getOptional(QdrantOptions.SINK_MAX_BUFFERED_TIME).isEmpty()) {
            sink.setMaxBufferedTime(MAX_BUFFERED_TIME);
        }
        return sink.build();
    }
}
