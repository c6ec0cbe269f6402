package io.cortexsync.jobs.cdc;

import io.cortexsync.schema.model.DeadLetter;
import io.cortexsync.schema.model.SyncEvent;

import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamSink;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

import java.util.Optional;

/** Where the cdc job's events and dead letters go besides the files: Kafka topics, when configured. */
final class CdcSinks {

    private CdcSinks() {}

    /** The events' sink: the events topic, or nowhere. */
    static DataStreamSink<SyncEvent> events(DataStream<SyncEvent> events, ReadableConfig config) {
        return events.sinkTo(new DiscardingSink<>()).name("no events topic");
    }

    /** The dead letters' topic sink, when one is configured. */
    static Optional<DataStreamSink<DeadLetter>> deadLetters(DataStream<DeadLetter> deadLetters, ReadableConfig config) {
        return Optional.empty();
    }
}
