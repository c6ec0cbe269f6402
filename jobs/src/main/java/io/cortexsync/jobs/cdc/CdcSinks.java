package io.cortexsync.jobs.cdc;

import io.cortexsync.connector.qdrant.QdrantOptions;
import io.cortexsync.jobs.common.SyncJobOptions;
import io.cortexsync.jobs.events.KafkaEventSinks;
import io.cortexsync.schema.model.DeadLetter;
import io.cortexsync.schema.model.SyncEvent;

import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamSink;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

import java.util.Optional;

/**
 * Where the cdc job's events and dead letters go besides the files: the Kafka topics of {@code
 * sync.events.topic} and {@code sync.dead-letter.topic}, exactly once, when configured. Without an
 * events topic the events end here (a discarding sink under its own uid, so that turning events on
 * later restores no state into a sink that has none).
 */
final class CdcSinks {

    static final String EVENTS_TOPIC_UID = "sync-events-topic";
    static final String NO_EVENTS_UID = "sync-events-discarded";
    static final String DEAD_LETTER_TOPIC_UID = "dead-letter-topic";

    private CdcSinks() {}

    static void events(DataStream<SyncEvent> events, ReadableConfig config) {
        Optional<DataStreamSink<SyncEvent>> kafka = KafkaEventSinks.events(config, syncId(config))
                .map(sink -> events.sinkTo(sink).name("events topic").uid(EVENTS_TOPIC_UID));
        if (kafka.isEmpty()) {
            events.sinkTo(new DiscardingSink<>()).name("no events topic").uid(NO_EVENTS_UID);
        }
    }

    static void deadLetters(DataStream<DeadLetter> deadLetters, ReadableConfig config) {
        KafkaEventSinks.deadLetters(config, syncId(config))
                .ifPresent(sink -> deadLetters.sinkTo(sink).name("dead-letter topic").uid(DEAD_LETTER_TOPIC_UID));
    }

    /** The sync's id, or one made of the job and its collection when the configuration names none. */
    static String syncId(ReadableConfig config) {
        return config.getOptional(SyncJobOptions.SYNC_ID)
                .orElseGet(() -> "cdc-" + config.getOptional(QdrantOptions.COLLECTION).orElse("unnamed"));
    }
}
