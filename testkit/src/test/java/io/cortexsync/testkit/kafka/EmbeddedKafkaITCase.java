package io.cortexsync.testkit.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** Records and committed offsets outlive a restart of the embedded broker. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class EmbeddedKafkaITCase {

    private static final int RECORDS = 20_000;
    private static final int PARTITIONS = 3;
    private static final Duration CONSUME_TIMEOUT = Duration.ofSeconds(60);

    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startBroker() {
        kafka = EmbeddedKafka.builder().build();
        kafka.start();
    }

    @AfterAll
    static void stopBroker() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void everyProducedRecordIsReadAfterRestart() throws Exception {
        String topic = "records-survive-restart";
        kafka.createTopic(topic, PARTITIONS);
        Map<String, String> sent = produce(topic, RECORDS);
        String addressBefore = kafka.bootstrapServers();

        kafka.restart();

        assertThat(kafka.bootstrapServers()).isEqualTo(addressBefore);
        List<ConsumerRecord<String, String>> received = consumeAll(topic, "fresh-group", RECORDS);
        assertThat(received).hasSize(RECORDS);
        Map<String, String> receivedByKey =
                received.stream()
                        .collect(Collectors.toMap(ConsumerRecord::key, ConsumerRecord::value));
        assertThat(receivedByKey).isEqualTo(sent);
    }

    @Test
    void committedOffsetsSurviveRestart() throws Exception {
        String topic = "offsets-survive-restart";
        String group = "committing-group";
        kafka.createTopic(topic, PARTITIONS);
        produce(topic, 3_000);
        Map<TopicPartition, OffsetAndMetadata> committed = new HashMap<>();
        try (KafkaConsumer<String, String> consumer = consumer(group, "earliest")) {
            consumer.subscribe(List.of(topic));
            int seen = 0;
            long deadline = System.nanoTime() + CONSUME_TIMEOUT.toNanos();
            // Stop part-way so the committed positions differ from both ends of the log.
            while (seen < 1_000) {
                assertThat(System.nanoTime() - deadline)
                        .as("deadline for the first records")
                        .isNegative();
                for (ConsumerRecord<String, String> record :
                        consumer.poll(Duration.ofMillis(200))) {
                    seen++;
                    committed.put(
                            new TopicPartition(record.topic(), record.partition()),
                            new OffsetAndMetadata(record.offset() + 1));
                }
            }
            consumer.commitSync(committed, Duration.ofSeconds(30));
        }

        kafka.restart();

        try (Admin admin = admin()) {
            Map<TopicPartition, OffsetAndMetadata> afterRestart =
                    admin.listConsumerGroupOffsets(group)
                            .partitionsToOffsetAndMetadata()
                            .get(30, TimeUnit.SECONDS);
            assertThat(afterRestart).isEqualTo(committed);
        }
        try (KafkaConsumer<String, String> consumer = consumer(group, "none")) {
            consumer.assign(committed.keySet());
            for (Map.Entry<TopicPartition, OffsetAndMetadata> entry : committed.entrySet()) {
                assertThat(consumer.position(entry.getKey(), Duration.ofSeconds(30)))
                        .as("resume position of %s", entry.getKey())
                        .isEqualTo(entry.getValue().offset());
            }
        }
    }

    @Test
    void aGivenDataDirIsKeptAndReusedWhileAnOwnOneIsDeleted(@TempDir Path parent) throws Exception {
        Path given = parent.resolve("kafka-data");
        int port;
        try (EmbeddedKafka first = EmbeddedKafka.builder().dataDir(given).build()) {
            first.start();
            first.createTopic("kept-topic", 1);
            port = Integer.parseInt(first.bootstrapServers().split(":")[1]);
        }
        assertThat(given.resolve("logs").resolve("meta.properties")).isRegularFile();

        try (EmbeddedKafka second = EmbeddedKafka.builder().dataDir(given).port(port).build();
                EmbeddedKafka own = EmbeddedKafka.builder().build()) {
            second.start();
            assertThat(second.bootstrapServers()).isEqualTo("127.0.0.1:" + port);
            try (Admin admin =
                    Admin.create(
                            Map.of(
                                    AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                                    second.bootstrapServers()))) {
                assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS))
                        .contains("kept-topic");
            }

            own.start();
            Path ownDir = own.dataDir();
            assertThat(ownDir).isDirectory();
            own.close();
            assertThat(ownDir).doesNotExist();
            assertThatThrownBy(own::start).isInstanceOf(IllegalStateException.class);
        }
        assertThat(given).isDirectory();
    }

    private static Map<String, String> produce(String topic, int count) throws Exception {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 60_000);
        // One request at a time: on a saturated machine a timed-out first request retried behind
        // later ones ends in OUT_OF_ORDER_SEQUENCE for the idempotent producer; this test is
        // about what the broker keeps, not about pipelining.
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 45_000);
        Map<String, String> sent =
                IntStream.range(0, count)
                        .boxed()
                        .collect(
                                Collectors.toMap(i -> "key-" + i, i -> "value-" + i + "-" + topic));
        List<Future<RecordMetadata>> acks = new ArrayList<>(count);
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            sent.forEach(
                    (key, value) ->
                            acks.add(producer.send(new ProducerRecord<>(topic, key, value))));
            producer.flush();
            for (Future<RecordMetadata> ack : acks) {
                ack.get(60, TimeUnit.SECONDS);
            }
        }
        return sent;
    }

    private static List<ConsumerRecord<String, String>> consumeAll(
            String topic, String group, int expected) {
        List<ConsumerRecord<String, String>> received = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumer(group, "earliest")) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + CONSUME_TIMEOUT.toNanos();
            while (received.size() < expected && System.nanoTime() - deadline < 0) {
                consumer.poll(Duration.ofMillis(200)).forEach(received::add);
            }
            // One more poll: duplicates, if any, would show up as a count above the expected one.
            consumer.poll(Duration.ofMillis(500)).forEach(received::add);
        }
        return received;
    }

    private static KafkaConsumer<String, String> consumer(String group, String offsetReset) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, offsetReset);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
    }

    private static Admin admin() {
        return Admin.create(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
    }
}
