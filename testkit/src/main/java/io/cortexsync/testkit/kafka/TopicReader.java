package io.cortexsync.testkit.kafka;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reads a whole topic as a consumer of one isolation level sees it: {@code read_committed} stops
 * at the last stable offset, so only committed transactions' records count, as a downstream
 * consumer would see them.
 */
public final class TopicReader {

    private TopicReader() {}

    /** Every record of {@code topic} up to its end for {@code isolation}; fails after {@code timeout} with the positions reached. */
    public static List<ConsumerRecord<byte[], byte[]>> readAll(String bootstrapServers, String topic, String isolation, Duration timeout) {
        Properties props = new Properties();
        props.setProperty(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
        props.setProperty(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(10));
                Map<TopicPartition, Long> position = partitions.stream()
                        .collect(Collectors.toMap(Function.identity(), p -> consumer.position(p, Duration.ofSeconds(10))));
                if (partitions.stream().allMatch(p -> position.get(p) >= end.get(p))) {
                    return records;
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(topic + " (" + isolation + "): read " + records.size() + " records in "
                            + timeout + ", positions " + position + ", end offsets " + end);
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
    }
}
