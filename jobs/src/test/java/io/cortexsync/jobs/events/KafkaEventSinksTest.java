package io.cortexsync.jobs.events;

import io.cortexsync.schema.json.SchemaJson;
import io.cortexsync.schema.model.DeadLetter;
import io.cortexsync.schema.model.SyncEvent;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.IllegalConfigurationException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The sinks' configuration checks, transactional ids and records, without a broker. */
class KafkaEventSinksTest {

    private static final SyncEvent EVENT = SyncEvent.builder()
            .type(SyncEvent.Type.SYNCED)
            .entityId("doc:⟨naïve café⟩")
            .requestId("req-7")
            .attempt(1)
            .latencyMs(12)
            .time(Instant.parse("2026-11-25T08:30:00.123456789Z"))
            .build();

    @Test
    void noTopicNeedsNoKafka() {
        Configuration conf = new Configuration();
        KafkaEventSinks.validate(conf);
        assertThat(KafkaEventSinks.events(conf, "sync-1")).isEmpty();
        assertThat(KafkaEventSinks.deadLetters(conf, "sync-1")).isEmpty();
    }

    @Test
    void aTopicWithoutBrokersFailsNamingTheBrokersKey() {
        Configuration conf = conf(Map.of("sync.dead-letter.topic", "dead"));
        assertThatThrownBy(() -> KafkaEventSinks.validate(conf))
                .isInstanceOf(IllegalConfigurationException.class)
                .hasMessageStartingWith("kafka.bootstrap.servers is required when sync.dead-letter.topic is set");
        assertThatThrownBy(() -> KafkaEventSinks.deadLetters(conf, "sync-1"))
                .hasMessageContaining("kafka.bootstrap.servers");
    }

    @Test
    void wrongValuesAreNamed() {
        assertThatThrownBy(() -> KafkaEventSinks.validate(conf(Map.of(
                "sync.events.topic", "no spaces", "kafka.bootstrap.servers", "b:9092"))))
                .hasMessageStartingWith("sync.events.topic: 'no spaces' is no Kafka topic name");
        assertThatThrownBy(() -> KafkaEventSinks.validate(conf(Map.of(
                "sync.events.topic", "e", "kafka.bootstrap.servers", "b:9092", "sync.kafka.topic-partitions", "0"))))
                .hasMessage("sync.kafka.topic-partitions must be at least 1, got 0");
        assertThatThrownBy(() -> KafkaEventSinks.validate(conf(Map.of(
                "sync.events.topic", "e", "kafka.bootstrap.servers", "b:9092",
                "kafka.value.serializer", "org.apache.kafka.common.serialization.StringSerializer"))))
                .hasMessageStartingWith("kafka.value.serializer is set by the event sinks");
    }

    @Test
    void transactionalIdsFollowTheSyncUnlessSetAndDifferPerSink() {
        Configuration conf = conf(Map.of("sync.events.topic", "e", "sync.dead-letter.topic", "d",
                "kafka.bootstrap.servers", "b:9092"));
        assertThat(KafkaEventSinks.transactionalIdPrefix(conf, "cdc-docs-1a2b")).isEqualTo("cortex-sync-cdc-docs-1a2b");
        assertThat(KafkaEventSinks.EVENTS_SUFFIX).isNotEqualTo(KafkaEventSinks.DEAD_LETTERS_SUFFIX);
        assertThat(KafkaEventSinks.events(conf, "cdc-docs-1a2b")).isPresent();
        assertThat(KafkaEventSinks.deadLetters(conf, "cdc-docs-1a2b")).isPresent();

        conf.set(EventOptions.TRANSACTIONAL_ID_PREFIX, "team-a-cdc");
        assertThat(KafkaEventSinks.transactionalIdPrefix(conf, "cdc-docs-1a2b")).isEqualTo("team-a-cdc");
        assertThatThrownBy(() -> KafkaEventSinks.transactionalIdPrefix(new Configuration(), " "))
                .hasMessageContaining("syncId");
    }

    @Test
    void transactionTimeoutDefaultsBelowTheBrokersMaximumAndCanBeOverridden() {
        Configuration conf = conf(Map.of("kafka.bootstrap.servers", "b:9092", "kafka.acks", "all"));
        assertThat(KafkaEventSinks.producerProperties(conf))
                .containsEntry("transaction.timeout.ms", "600000")
                .containsEntry("acks", "all")
                .containsEntry("bootstrap.servers", "b:9092");
        conf.setString("kafka.transaction.timeout.ms", "120000");
        assertThat(KafkaEventSinks.producerProperties(conf)).containsEntry("transaction.timeout.ms", "120000");
    }

    @Test
    void anEventIsKeyedByItsEntityIdAndWrittenAsItsJson() {
        ProducerRecord<byte[], byte[]> record = KafkaEventSinks.eventSerializer("events").serialize(EVENT, null, -5L);

        assertThat(record.topic()).isEqualTo("events");
        assertThat(record.partition()).isNull();
        assertThat(record.timestamp()).isNull();
        assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo("doc:⟨naïve café⟩");
        assertThat(SchemaJson.SYNC_EVENT.read(record.value())).isEqualTo(EVENT);
    }

    @Test
    void anEventWithoutEntityHasNoKey() {
        SyncEvent unknown = SyncEvent.builder().type(SyncEvent.Type.FAILED).detail("unparsable").time(Instant.EPOCH).build();
        ProducerRecord<byte[], byte[]> record = KafkaEventSinks.eventSerializer("events").serialize(unknown, null, null);
        assertThat(record.key()).isNull();
        assertThat(SchemaJson.SYNC_EVENT.read(record.value())).isEqualTo(unknown);
    }

    @Test
    void aDeadLetterIsKeyedByItsRecordId() {
        DeadLetter letter = DeadLetter.of("{\"id\":\"doc:1\"}", "dimension 3, expected 4", "validate", "doc:1",
                Instant.parse("2026-11-25T08:30:00Z"));
        ProducerRecord<byte[], byte[]> record = KafkaEventSinks.deadLetterSerializer("dead").serialize(letter, null, null);
        assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo("doc:1");
        assertThat(SchemaJson.DEAD_LETTER.read(record.value())).isEqualTo(letter);
    }

    private static Configuration conf(Map<String, String> values) {
        return Configuration.fromMap(values);
    }
}
