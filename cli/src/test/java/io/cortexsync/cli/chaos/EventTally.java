package io.cortexsync.cli.chaos;

import io.cortexsync.schema.json.SchemaJson;
import io.cortexsync.schema.model.SyncEvent;
import io.cortexsync.testkit.kafka.TopicReader;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A job's events against the changes it was given: how many it lost (a change without its event)
 * and duplicated (a request id seen more than once).
 *
 * @param events the events read
 * @param lost changes without their event
 * @param duplicated events beyond the first of each request id
 */
public record EventTally(List<SyncEvent> events, long lost, long duplicated) {

    /** The committed events of {@code topic}, as a read_committed consumer sees them. */
    public static List<SyncEvent> read(String bootstrap, String topic) {
        List<SyncEvent> events = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : TopicReader.readAll(bootstrap, topic, "read_committed", Duration.ofSeconds(60))) {
            events.add(SchemaJson.SYNC_EVENT.read(new String(record.value(), StandardCharsets.UTF_8)));
        }
        return events;
    }

    /**
     * Counts {@code events} by {@code key} (an entity id, or a request id) against {@code expected}
     * events per key: fewer is lost; request ids seen twice are duplicated.
     */
    public static EventTally of(Map<String, Integer> expected, List<SyncEvent> events, Function<SyncEvent, String> key) {
        Map<String, Integer> seen = new HashMap<>();
        Map<String, Integer> perRequest = new HashMap<>();
        for (SyncEvent event : events) {
            seen.merge(key.apply(event), 1, Integer::sum);
            perRequest.merge(event.requestId(), 1, Integer::sum);
        }
        long lost = 0;
        for (Map.Entry<String, Integer> want : expected.entrySet()) {
            lost += Math.max(0, want.getValue() - seen.getOrDefault(want.getKey(), 0));
        }
        long duplicated = perRequest.values().stream().mapToLong(n -> n - 1).sum();
        return new EventTally(events, lost, duplicated);
    }
}
