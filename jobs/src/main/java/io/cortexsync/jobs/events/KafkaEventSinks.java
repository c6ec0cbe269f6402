package io.cortexsync.jobs.events;

import io.cortexsync.schema.json.SchemaJson;
import io.cortexsync.schema.model.DeadLetter;
import io.cortexsync.schema.model.RepairRecord;
import io.cortexsync.schema.model.SyncEvent;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.IllegalConfigurationException;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.kafka.clients.producer.ProducerConfig;

import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The jobs' Kafka sinks, built from a job's configuration ({@link EventOptions} and the {@code
 * kafka.*} client settings): {@code SyncEvent}s keyed by entity id and {@code DeadLetter}s keyed by
 * record id, each as its JSON of state-schemas. Exactly-once by default: each sink writes in Kafka
 * transactions committed with the checkpoint, under transactional ids derived from the sync's id,
 * so a restarted run of the same sync aborts what its previous run left open.
 */
public final class KafkaEventSinks {

    /** Suffix of the events sink's transactional ids; two sinks of one job must never share one. */
    static final String EVENTS_SUFFIX = "-events";

    static final String DEAD_LETTERS_SUFFIX = "-dead-letters";
    static final String REPAIRS_SUFFIX = "-repairs";

    /** Settings the sinks own: a value given under {@code kafka.*} would break them. */
    private static final Set<String> RESERVED = Set.of(
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
            ProducerConfig.TRANSACTIONAL_ID_CONFIG);

    /** What Kafka accepts as a topic name. */
    private static final Pattern TOPIC_NAME = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

    private KafkaEventSinks() {}

    /**
     * Fails naming the key at fault when the Kafka outputs cannot work with {@code config}: a
     * topic without {@code kafka.bootstrap.servers}, a topic name Kafka refuses, a setting the sinks own, a
     * partition count or replication factor below 1.
     */
    public static void validate(ReadableConfig config) {
        Optional<String> events = topic(config, EventOptions.EVENTS_TOPIC);
        Optional<String> deadLetters = topic(config, EventOptions.DEAD_LETTER_TOPIC);
        Optional<String> repairs = topic(config, EventOptions.REPAIRS_TOPIC);
        if (events.isEmpty() && deadLetters.isEmpty() && repairs.isEmpty()) {
            return;
        }
        Properties client = KafkaClientProperties.of(config);
        String servers = client.getProperty(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG);
        if (servers == null || servers.isBlank()) {
            throw new IllegalConfigurationException(EventOptions.BOOTSTRAP_SERVERS_KEY + " is required when "
                    + (events.isPresent() ? EventOptions.EVENTS_TOPIC.key()
                            : deadLetters.isPresent() ? EventOptions.DEAD_LETTER_TOPIC.key() : EventOptions.REPAIRS_TOPIC.key())
                    + " is set: name the Kafka brokers (host:port[,host:port])");
        }
        for (String reserved : RESERVED) {
            if (client.containsKey(reserved)) {
                throw new IllegalConfigurationException(EventOptions.KAFKA_PREFIX + reserved
                        + " is set by the event sinks; remove it");
            }
        }
        checkAtLeastOne(config.getOptional(EventOptions.TOPIC_PARTITIONS), EventOptions.TOPIC_PARTITIONS.key());
        checkAtLeastOne(config.getOptional(EventOptions.TOPIC_REPLICATION), EventOptions.TOPIC_REPLICATION.key());
        config.getOptional(EventOptions.TRANSACTIONAL_ID_PREFIX).ifPresent(prefix -> {
            if (prefix.isBlank()) {
                throw new IllegalConfigurationException(EventOptions.TRANSACTIONAL_ID_PREFIX.key() + " must not be blank");
            }
        });
    }

    /**
     * The sink of the {@code SyncEvent}s, or none when {@code sync.events.topic} is not set.
     *
     * @param syncId what identifies this sync across its runs (e.g. the job and its tables), the
     *     base of the transactional ids unless {@code sync.kafka.transactional-id-prefix} is set
     */
    public static Optional<KafkaSink<SyncEvent>> events(ReadableConfig config, String syncId) {
        return config.getOptional(EventOptions.EVENTS_TOPIC)
                .map(topic -> build(config, syncId, EVENTS_SUFFIX, eventSerializer(topic)));
    }

    /**
     * Another sink of {@code SyncEvent}s to the events topic, for another part of a job's graph
     * (e.g. the events of rejected input): its transactional ids end in {@code -events-<part>}, so
     * its transactions are its own.
     */
    public static Optional<KafkaSink<SyncEvent>> events(ReadableConfig config, String syncId, String part) {
        return config.getOptional(EventOptions.EVENTS_TOPIC)
                .map(topic -> build(config, syncId, EVENTS_SUFFIX + "-" + part, eventSerializer(topic)));
    }

    /** The sink of the {@code DeadLetter}s, or none when {@code sync.dead-letter.topic} is not set. */
    public static Optional<KafkaSink<DeadLetter>> deadLetters(ReadableConfig config, String syncId) {
        return config.getOptional(EventOptions.DEAD_LETTER_TOPIC)
                .map(topic -> build(config, syncId, DEAD_LETTERS_SUFFIX, deadLetterSerializer(topic)));
    }

    /** The sink of a reconciliation's {@code RepairRecord}s, or none when {@code sync.repairs.topic} is not set. */
    public static Optional<KafkaSink<RepairRecord>> repairs(ReadableConfig config, String syncId) {
        return config.getOptional(EventOptions.REPAIRS_TOPIC)
                .map(topic -> build(config, syncId, REPAIRS_SUFFIX, repairSerializer(topic)));
    }

    static JsonRecordSerializer<RepairRecord> repairSerializer(String topic) {
        return new JsonRecordSerializer<>(topic, SchemaJson.REPAIR_RECORD,
                repair -> repair.entityId() != null ? repair.entityId() : repair.pointId().toString());
    }

    static JsonRecordSerializer<SyncEvent> eventSerializer(String topic) {
        return new JsonRecordSerializer<>(topic, SchemaJson.SYNC_EVENT, SyncEvent::entityId);
    }

    static JsonRecordSerializer<DeadLetter> deadLetterSerializer(String topic) {
        return new JsonRecordSerializer<>(topic, SchemaJson.DEAD_LETTER, DeadLetter::recordId);
    }

    /** The base of the transactional ids of the sinks of the sync {@code syncId}. */
    public static String transactionalIdPrefix(ReadableConfig config, String syncId) {
        return config.getOptional(EventOptions.TRANSACTIONAL_ID_PREFIX).orElseGet(() -> {
            if (syncId == null || syncId.isBlank()) {
                throw new IllegalArgumentException("syncId must not be blank: it names the sinks' Kafka transactions");
            }
            return "cortex-sync-" + syncId;
        });
    }

    /** The producers' settings: the {@code kafka.*} keys, with a transaction timeout the broker accepts by default. */
    static Properties producerProperties(ReadableConfig config) {
        Properties producer = KafkaClientProperties.of(config);
        producer.putIfAbsent(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG,
                String.valueOf(EventOptions.DEFAULT_TRANSACTION_TIMEOUT.toMillis()));
        return producer;
    }

    private static <T> KafkaSink<T> build(ReadableConfig config, String syncId, String suffix,
            JsonRecordSerializer<T> serializer) {
        validate(config);
        DeliveryGuarantee guarantee = config.get(EventOptions.DELIVERY_GUARANTEE);
        return KafkaSink.<T>builder()
                .setKafkaProducerConfig(producerProperties(config))
                .setDeliveryGuarantee(guarantee)
                .setTransactionalIdPrefix(transactionalIdPrefix(config, syncId) + suffix)
                .setRecordSerializer(serializer)
                .build();
    }

    private static Optional<String> topic(ReadableConfig config, ConfigOption<String> option) {
        Optional<String> topic = config.getOptional(option);
        if (topic.isPresent() && !TOPIC_NAME.matcher(topic.get()).matches()) {
            throw new IllegalConfigurationException(option.key() + ": '" + topic.get() + "' is no Kafka topic name "
                    + "(1 to 249 of the characters a-z A-Z 0-9 . _ -); leave it out to publish nothing");
        }
        return topic;
    }

    private static void checkAtLeastOne(Optional<Integer> value, String key) {
        if (value.isPresent() && value.get() < 1) {
            throw new IllegalConfigurationException(key + " must be at least 1, got " + value.get());
        }
    }
}
