package io.cortexsync.connector.dualwrite.client;

import io.cortexsync.schema.json.SchemaJson;
import io.cortexsync.schema.model.EntityChange;
import io.cortexsync.schema.model.SyncEvent;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/** Kafka's mock producer and consumer behind a client, for the tests that need no broker. */
final class MockedKafka {

    static final String INPUT = "changes";
    static final String EVENTS = "events";

    /** Kafka's MockConsumer returns at once from an empty poll; this one pauses, as a real poll waits. */
    static final class PacedConsumer extends MockConsumer<byte[], byte[]> {
        PacedConsumer() {
            super("latest");
        }

        @Override
        public ConsumerRecords<byte[], byte[]> poll(Duration timeout) {
            ConsumerRecords<byte[], byte[]> records = super.poll(timeout);
            if (records.isEmpty()) {
                LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
            }
            return records;
        }
    }

    final MockProducer<byte[], byte[]> producer;
    final PacedConsumer consumer = new PacedConsumer();
    private final TopicPartition partition = new TopicPartition(EVENTS, 0);
    private long nextOffset = 7;

    MockedKafka(boolean autoCompleteSends) {
        producer = new MockProducer<>(autoCompleteSends, null, new ByteArraySerializer(), new ByteArraySerializer());
        consumer.updatePartitions(EVENTS, List.of(new PartitionInfo(EVENTS, 0, null, null, null)));
        consumer.updateEndOffsets(Map.of(partition, nextOffset));
    }

    DualWriteClient client(Duration defaultTimeout, int maxPendingRequests) {
        Map<TopicPartition, Long> start = EventReader.assignAtEnd(consumer, EVENTS, Duration.ofSeconds(5));
        if (!start.equals(Map.of(partition, nextOffset))) {
            throw new AssertionError("the reader should start at the end, not at " + start);
        }
        return DualWriteClient.start(producer, consumer, INPUT, defaultTimeout, maxPendingRequests, "mocked client");
    }

    void publish(SyncEvent event) {
        publishRaw(SchemaJson.SYNC_EVENT.write(event));
    }

    synchronized void publishRaw(byte[] value) {
        consumer.addRecord(new ConsumerRecord<>(EVENTS, 0, nextOffset++, "doc:42".getBytes(StandardCharsets.UTF_8), value));
    }

    List<ProducerRecord<byte[], byte[]>> records() {
        return producer.history();
    }

    List<EntityChange> changes() {
        return records().stream().map(r -> SchemaJson.ENTITY_CHANGE.read(r.value())).toList();
    }
}
