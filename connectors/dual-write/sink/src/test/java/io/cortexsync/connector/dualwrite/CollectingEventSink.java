package io.cortexsync.connector.dualwrite;

import io.cortexsync.schema.model.SyncEvent;

import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/** Collects a job's sync events in this JVM (the MiniCluster's), under a name per test. */
final class CollectingEventSink implements Sink<SyncEvent> {

    private static final long serialVersionUID = 1L;
    private static final Map<String, Queue<SyncEvent>> EVENTS = new ConcurrentHashMap<>();

    private final String name;

    CollectingEventSink(String name) {
        this.name = name;
        EVENTS.put(name, new ConcurrentLinkedQueue<>());
    }

    static List<SyncEvent> events(String name) {
        return new ArrayList<>(EVENTS.getOrDefault(name, new ConcurrentLinkedQueue<>()));
    }

    @Override
    public SinkWriter<SyncEvent> createWriter(WriterInitContext context) {
        Queue<SyncEvent> events = EVENTS.get(name);
        return new SinkWriter<>() {
            @Override
            public void write(SyncEvent event, Context context) {
                events.add(event);
            }

            @Override
            public void flush(boolean endOfInput) {}

            @Override
            public void close() {}
        };
    }
}
