package io.cortexsync.jobs.dualwrite;

import io.cortexsync.connector.dualwrite.DualWriteOptions;
import io.cortexsync.connector.dualwrite.DualWriteSink;
import io.cortexsync.jobs.common.SyncJobOptions;
import io.cortexsync.jobs.deadletter.DeadLetterCounting;
import io.cortexsync.jobs.deadletter.DeadLetterFileSink;
import io.cortexsync.jobs.events.KafkaClientProperties;
import io.cortexsync.jobs.events.KafkaEventSinks;
import io.cortexsync.jobs.events.SyncEventCounting;
import io.cortexsync.schema.model.DeadLetter;
import io.cortexsync.schema.model.EntityChange;
import io.cortexsync.schema.model.SyncEvent;
import io.cortexsync.schema.serialization.SchemaTypes;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.serialization.SimpleStringSchema;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

import java.util.HashSet;
import java.util.Properties;

/**
 * The dual-write job's graph: the input topic (read_committed, offsets in the checkpoint) →
 * parsing and checks (bad input to dead letters, answered by DEAD_LETTER events) → keyed by record
 * id → the {@link DualWriteSink} (SurrealDB, then Qdrant, one final event per change) → counting →
 * the events topic. Keying by record id puts all changes of one entity, in input order, on one
 * subtask. Every operator has a stable uid.
 */
public final class DualWritePipeline {

    public static final String SOURCE_UID = "dual-write-input";
    public static final String PARSE_UID = "parse-entity-changes";
    public static final String SINK_UID = "dual-write";
    public static final String COUNT_DEAD_LETTERS_UID = "count-dead-letters";
    public static final String DEAD_LETTER_FILES_UID = "dead-letter-files";
    public static final String DEAD_LETTER_TOPIC_UID = "dead-letter-topic";
    public static final String REJECTED_EVENTS_UID = "rejected-input-events";

    private DualWritePipeline() {}

    public static void build(StreamExecutionEnvironment env, ReadableConfig config, DualWriteJobSettings settings) {
        String syncId = syncId(config, settings);
        SingleOutputStreamOperator<EntityChange> changes = env
                .fromSource(input(config, settings, syncId), WatermarkStrategy.noWatermarks(), "Kafka " + settings.inputTopic())
                .uid(SOURCE_UID)
                .process(new ChangeParsing(new HashSet<>(settings.tables()), settings.dimension()))
                .returns(SchemaTypes.ENTITY_CHANGE)
                .name("parse EntityChange")
                .uid(PARSE_UID);

        changes.keyBy(change -> change.recordId().canonical())
                .sinkTo(sink(config, settings, syncId))
                .name("dual-write " + settings.collection())
                .uid(SINK_UID);

        DataStream<SyncEvent> rejected = changes.getSideOutput(ChangeParsing.DEAD_LETTER_EVENTS);
        countAndPublish(rejected, config, syncId, "rejected", REJECTED_EVENTS_UID + "-");

        SingleOutputStreamOperator<DeadLetter> deadLetters = changes.getSideOutput(ChangeParsing.DEAD_LETTERS)
                .process(new DeadLetterCounting())
                .returns(SchemaTypes.DEAD_LETTER)
                .name("count dead letters")
                .uid(COUNT_DEAD_LETTERS_UID);
        settings.deadLetterDir().ifPresent(dir -> deadLetters
                .sinkTo(new DeadLetterFileSink(dir))
                .name("dead-letter files")
                .uid(DEAD_LETTER_FILES_UID));
        KafkaEventSinks.deadLetters(config, syncId)
                .ifPresent(sink -> deadLetters.sinkTo(sink).name("dead-letter topic").uid(DEAD_LETTER_TOPIC_UID));
    }

    private static KafkaSource<String> input(ReadableConfig config, DualWriteJobSettings settings, String syncId) {
        Properties client = KafkaClientProperties.of(config);
        // only what producers committed: a transactional producer's aborted changes never land
        client.setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return KafkaSource.<String>builder()
                .setProperties(client)
                .setTopics(settings.inputTopic())
                .setGroupId(config.getOptional(DualWriteJobOptions.CONSUMER_GROUP).orElse("cortex-sync-" + syncId))
                .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                .setValueOnlyDeserializer(new SimpleStringSchema())
                .build();
    }

    private static DualWriteSink sink(ReadableConfig config, DualWriteJobSettings settings, String syncId) {
        Configuration sinkOptions = new Configuration();
        sinkOptions.addAll(Configuration.fromMap(config.toMap()));
        sinkOptions.set(DualWriteOptions.VECTOR_FIELD, settings.vectorField());
        if (config.getOptional(DualWriteOptions.SINK_ID).isEmpty()) {
            sinkOptions.set(DualWriteOptions.SINK_ID, syncId);
        }
        return DualWriteSink.builder()
                .setOptions(sinkOptions)
                .setEventTopology((events, uidPrefix) -> countAndPublish(events, config, syncId, null, uidPrefix))
                .build();
    }

    /** Counts the events and writes them to the events topic (exactly once), or drops them without one. */
    private static void countAndPublish(DataStream<SyncEvent> events, ReadableConfig config, String syncId, String part, String uidPrefix) {
        // operator names differ per part: two sinks of one name in one task would share metric names
        String name = part == null ? "" : part + " ";
        SingleOutputStreamOperator<SyncEvent> counted = events
                .process(new SyncEventCounting())
                .returns(SchemaTypes.SYNC_EVENT)
                .setParallelism(events.getParallelism())
                .name("count " + name + "sync events")
                .uid(uidPrefix + "count");
        var kafka = part == null ? KafkaEventSinks.events(config, syncId) : KafkaEventSinks.events(config, syncId, part);
        if (kafka.isPresent()) {
            counted.sinkTo(kafka.get()).setParallelism(events.getParallelism()).name(name + "events topic").uid(uidPrefix + "topic");
        } else {
            counted.sinkTo(new DiscardingSink<>()).setParallelism(events.getParallelism()).name("no " + name + "events topic").uid(uidPrefix + "discarded");
        }
    }

    static String syncId(ReadableConfig config, DualWriteJobSettings settings) {
        return config.getOptional(SyncJobOptions.SYNC_ID).orElse("dual-write-" + settings.collection());
    }
}
