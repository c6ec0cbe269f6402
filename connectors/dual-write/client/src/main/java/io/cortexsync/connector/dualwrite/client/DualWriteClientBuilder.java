package io.cortexsync.connector.dualwrite.client;

import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Builds a {@link DualWriteClient}. The bootstrap servers and both topics are required; {@link
 * #build()} names the setter to fix, then connects: it fails when Kafka cannot be reached within
 * the default timeout or a topic does not exist.
 */
public final class DualWriteClientBuilder {

    private static final Logger LOG = LoggerFactory.getLogger(DualWriteClientBuilder.class);

    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    static final int DEFAULT_MAX_PENDING_REQUESTS = 10_000;
    private static final Pattern TOPIC = Pattern.compile("[A-Za-z0-9._-]{1,249}");

    private String bootstrapServers;
    private String inputTopic;
    private String eventsTopic;
    private final Map<String, String> kafkaProperties = new LinkedHashMap<>();
    private Duration defaultTimeout = DEFAULT_TIMEOUT;
    private int maxPendingRequests = DEFAULT_MAX_PENDING_REQUESTS;

    DualWriteClientBuilder() {}

    /** Kafka brokers, {@code host:port[,host:port...]}. */
    public DualWriteClientBuilder setBootstrapServers(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        return this;
    }

    /** The dual-write job's input topic ({@code --input-topic}), where changes go. */
    public DualWriteClientBuilder setInputTopic(String inputTopic) {
        this.inputTopic = inputTopic;
        return this;
    }

    /** The dual-write job's events topic ({@code --events-topic}), where the answers come from. */
    public DualWriteClientBuilder setEventsTopic(String eventsTopic) {
        this.eventsTopic = eventsTopic;
        return this;
    }

    /**
     * A Kafka client setting for both the producer and the consumer: security ({@code
     * security.protocol}, {@code sasl.jaas.config}, {@code ssl.truststore.location}, ...) or tuning
     * ({@code compression.type}, {@code linger.ms}, {@code max.block.ms}, ...). Secret values are
     * never logged. The settings the guarantees rest on are the client's: {@code acks=all}, an
     * idempotent producer, {@code isolation.level=read_committed}, no transactional id, its own
     * (de)serializers; {@link #build()} refuses others.
     */
    public DualWriteClientBuilder setKafkaProperty(String name, String value) {
        kafkaProperties.put(name, value);
        return this;
    }

    /** {@link #setKafkaProperty} for each entry. */
    public DualWriteClientBuilder setKafkaProperties(Map<String, String> properties) {
        properties.forEach(this::setKafkaProperty);
        return this;
    }

    /**
     * How long a request waits for its final event (default 60 s) before its future fails with a
     * TimeoutException and it is forgotten; also the default of {@link DualWriteClient#await} and
     * the bound of each step of {@link #build()}. The job answers once per checkpoint, so keep it
     * well above the job's checkpoint interval.
     */
    public DualWriteClientBuilder setDefaultTimeout(Duration defaultTimeout) {
        this.defaultTimeout = defaultTimeout;
        return this;
    }

    /**
     * How many requests may wait for their answers at once (default 10,000); a send beyond that
     * fails at once, unsent, so that memory stays bounded.
     */
    public DualWriteClientBuilder setMaxPendingRequests(int maxPendingRequests) {
        this.maxPendingRequests = maxPendingRequests;
        return this;
    }

    /**
     * Checks the settings, connects, and starts reading the events topic at its end.
     *
     * @throws IllegalArgumentException naming the setter to fix
     * @throws DualWriteClientException if Kafka cannot be reached or a topic does not exist
     */
    public DualWriteClient build() {
        check();
        ClientProperties kafka = kafkaProperties();
        String description = describe(kafka);
        KafkaConsumer<byte[], byte[]> consumer = null;
        KafkaProducer<byte[], byte[]> producer = null;
        try {
            consumer = new KafkaConsumer<>(kafka.consumer(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
            requireInputTopic(consumer);
            Map<TopicPartition, Long> start = EventReader.assignAtEnd(consumer, eventsTopic, defaultTimeout);
            producer = new KafkaProducer<>(kafka.producer(), new ByteArraySerializer(), new ByteArraySerializer());
            LOG.info("{} started; reading events from offsets {}", description, start);
            return DualWriteClient.start(producer, consumer, inputTopic, defaultTimeout, maxPendingRequests, description);
        } catch (KafkaException | IllegalStateException e) {
            closeQuietly(producer, consumer);
            throw new DualWriteClientException("DualWriteClient could not start against " + bootstrapServers + ": "
                    + e.getMessage(), null, e);
        } catch (RuntimeException | Error e) {
            closeQuietly(producer, consumer);
            throw e;
        }
    }

    void check() {
        check(bootstrapServers != null && !bootstrapServers.isBlank(),
                "setBootstrapServers(" + bootstrapServers + "): required, host:port[,host:port...]");
        check(inputTopic != null && TOPIC.matcher(inputTopic).matches(),
                "setInputTopic(" + inputTopic + "): required, 1 to 249 of A-Z a-z 0-9 . _ -");
        check(eventsTopic != null && TOPIC.matcher(eventsTopic).matches(),
                "setEventsTopic(" + eventsTopic + "): required, 1 to 249 of A-Z a-z 0-9 . _ -");
        check(!inputTopic.equals(eventsTopic), "setEventsTopic(" + eventsTopic + "): must differ from the input topic");
        check(defaultTimeout != null && !defaultTimeout.isNegative() && !defaultTimeout.isZero(),
                "setDefaultTimeout(" + defaultTimeout + "): must be a positive duration");
        check(maxPendingRequests >= 1 && maxPendingRequests <= 10_000_000,
                "setMaxPendingRequests(" + maxPendingRequests + "): must be within [1, 10000000]");
        kafkaProperties.forEach((name, value) -> {
            check(name != null && !name.isBlank(), "setKafkaProperty(" + name + ", ...): the name must not be blank");
            // the value stays out of the message: it may be a secret
            check(value != null, "setKafkaProperty(" + name + ", null): the value must not be null");
            String refusal = ClientProperties.refusal(name, value);
            check(refusal == null, "setKafkaProperty(" + name + ", ...): " + refusal);
        });
    }

    /** What the client's {@code toString} and its start log line say: no secret value. */
    String describe(ClientProperties kafka) {
        return "DualWriteClient{bootstrap servers " + bootstrapServers + ", input topic " + inputTopic + ", events topic "
                + eventsTopic + ", default timeout " + defaultTimeout + ", Kafka properties " + kafka.redacted() + '}';
    }

    ClientProperties kafkaProperties() {
        return new ClientProperties(bootstrapServers, kafkaProperties);
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException("DualWriteClient: " + message);
        }
    }

    private void requireInputTopic(KafkaConsumer<byte[], byte[]> consumer) {
        List<PartitionInfo> partitions = consumer.partitionsFor(inputTopic, defaultTimeout);
        if (partitions == null || partitions.isEmpty()) {
            throw new IllegalStateException("the input topic '" + inputTopic + "' does not exist: check setInputTopic,"
                    + " or start the dual-write job, which creates it");
        }
    }

    private static void closeQuietly(AutoCloseable... closeables) {
        for (AutoCloseable closeable : closeables) {
            if (closeable == null) {
                continue;
            }
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.debug("Closing after a failed start failed too", e);
            }
        }
    }
}
