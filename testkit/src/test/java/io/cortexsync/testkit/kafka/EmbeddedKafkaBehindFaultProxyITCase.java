package io.cortexsync.testkit.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.cortexsync.testkit.proxy.FaultProxy;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Clients reach the broker only through a fault proxy when it is advertised, and survive its
 * faults.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class EmbeddedKafkaBehindFaultProxyITCase {

    private static final String TOPIC = "through-proxy";
    private static final int BATCH = 1_000;
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void idempotentProducerDeliversEveryRecordOnceAcrossCutsAndRefusals() throws Exception {
        int brokerPort = freePort();
        try (FaultProxy proxy = FaultProxy.start("127.0.0.1", brokerPort);
                EmbeddedKafka kafka =
                        EmbeddedKafka.builder()
                                .port(brokerPort)
                                .advertisedPort(proxy.port())
                                .build()) {
            kafka.start();
            kafka.createTopic(TOPIC, 2);

            try (KafkaProducer<String, String> producer = producer(proxy.address())) {
                assertThat(producer.partitionsFor(TOPIC))
                        .as("partition leaders are announced at the proxy")
                        .allSatisfy(
                                partition ->
                                        assertThat(partition.leader().port())
                                                .isEqualTo(proxy.port()));
                awaitAcks(sendBatch(producer, 0));

                proxy.cutConnections();
                awaitAcks(sendBatch(producer, 1));

                proxy.refuseConnections(true);
                proxy.cutConnections();
                // send() may block while the producer refreshes metadata it cannot reach, so it
                // runs on its own thread and this one heals the proxy once it saw a refusal.
                ExecutorService sender = Executors.newSingleThreadExecutor();
                try {
                    Future<List<Future<RecordMetadata>>> pending =
                            sender.submit(() -> sendBatch(producer, 2));
                    awaitRefusal(proxy);
                    proxy.heal();
                    awaitAcks(pending.get(WAIT.toSeconds(), TimeUnit.SECONDS));
                } finally {
                    sender.shutdownNow();
                }
            }

            List<String> keys = consumeKeys(proxy.address(), 3 * BATCH);
            assertThat(keys).hasSize(3 * BATCH);
            assertThat(new HashSet<>(keys)).hasSize(3 * BATCH);
            assertThat(proxy.acceptedConnections()).isGreaterThanOrEqualTo(3);
            assertThat(proxy.bytesForwarded()).isPositive();
        }
    }

    private static List<Future<RecordMetadata>> sendBatch(
            KafkaProducer<String, String> producer, int batch) {
        List<Future<RecordMetadata>> acks = new ArrayList<>(BATCH);
        for (int i = 0; i < BATCH; i++) {
            String key = "batch-" + batch + "-record-" + i;
            acks.add(producer.send(new ProducerRecord<>(TOPIC, key, "value of " + key)));
        }
        return acks;
    }

    private static void awaitAcks(List<Future<RecordMetadata>> acks) throws Exception {
        for (Future<RecordMetadata> ack : acks) {
            ack.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        }
    }

    private static void awaitRefusal(FaultProxy proxy) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (proxy.refusedConnections() == 0) {
            if (System.nanoTime() - deadline >= 0) {
                fail("The producer never tried to reconnect while the proxy refused.");
            }
            Thread.sleep(20);
        }
    }

    private static List<String> consumeKeys(String bootstrapServers, int expected) {
        Map<String, Object> config =
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                        ConsumerConfig.GROUP_ID_CONFIG, "reader-behind-proxy",
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<String> keys = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(TOPIC));
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (keys.size() < expected && System.nanoTime() - deadline < 0) {
                for (ConsumerRecord<String, String> record :
                        consumer.poll(Duration.ofMillis(200))) {
                    keys.add(record.key());
                }
            }
            // Duplicates, if any, would arrive after the expected count.
            consumer.poll(Duration.ofMillis(500)).forEach(record -> keys.add(record.key()));
        }
        return keys;
    }

    private static KafkaProducer<String, String> producer(String bootstrapServers) {
        Map<String, Object> config =
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ProducerConfig.ACKS_CONFIG,
                        "all",
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                        true,
                        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                        90_000,
                        ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
                        10_000);
        return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
