package io.cortexsync.jobs.events;

import io.cortexsync.schema.json.JsonCodec;

import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * One record per Kafka message: the record id as the key (UTF-8; none when the record has none,
 * so Kafka spreads such messages), the record's JSON of state-schemas as the value. Keying by
 * record id keeps every outcome of one record in one partition, in order.
 */
final class JsonRecordSerializer<T> implements KafkaRecordSerializationSchema<T> {

    private static final long serialVersionUID = 1L;

    /** The record id a message is keyed by; serializable, as the sink ships it to the task managers. */
    interface KeyOf<T> extends Function<T, String>, Serializable {}

    private final String topic;
    private final JsonCodec<T> codec;
    private final KeyOf<T> keyOf;

    JsonRecordSerializer(String topic, JsonCodec<T> codec, KeyOf<T> keyOf) {
        this.topic = topic;
        this.codec = codec;
        this.keyOf = keyOf;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(T element, KafkaSinkContext context, Long timestamp) {
        String key = keyOf.apply(element);
        // no timestamp: the producer stamps the send time; a stream timestamp may be negative,
        // which Kafka refuses
        return new ProducerRecord<>(topic, null, null,
                key == null ? null : key.getBytes(StandardCharsets.UTF_8), codec.write(element));
    }

    String topic() {
        return topic;
    }
}
