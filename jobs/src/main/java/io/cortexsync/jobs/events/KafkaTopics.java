package io.cortexsync.jobs.events;

import org.apache.flink.configuration.ReadableConfig;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.InvalidPartitionsException;
import org.apache.kafka.common.errors.InvalidReplicationFactorException;
import org.apache.kafka.common.errors.PolicyViolationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The check before a job starts that its Kafka topics exist: each configured topic (events, dead
 * letters) is looked up and, when missing and {@code sync.kafka.create-topics} allows it, created
 * with the configured partitions and replication. A topic that is missing and may not be created,
 * or brokers that do not answer within {@code sync.kafka.admin-timeout}, fail the start with one
 * line naming the topic or the brokers' option, rather than the job failing mid-run.
 */
public final class KafkaTopics {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaTopics.class);

    private static final String BROKERS = "--kafka-bootstrap / " + EventOptions.BOOTSTRAP_SERVERS_KEY;

    private final ReadableConfig config;
    private final Properties client;
    private final String servers;
    private final Duration timeout;

    private KafkaTopics(ReadableConfig config) {
        this.config = config;
        this.client = KafkaClientProperties.of(config);
        this.servers = client.getProperty(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG);
        this.timeout = config.get(EventOptions.ADMIN_TIMEOUT);
    }

    /**
     * Makes sure every topic {@code config} names exists; returns the topics it created.
     *
     * @throws KafkaTopicException when a topic is missing and may not be created, or the brokers
     *     cannot be asked
     * @throws org.apache.flink.configuration.IllegalConfigurationException when the options are
     *     wrong, see {@link KafkaEventSinks#validate}
     */
    public static List<String> ensure(ReadableConfig config) {
        return ensure(config, Map.of());
    }

    /**
     * As {@link #ensure(ReadableConfig)}, with more topics the job reads or writes: topic name to
     * the key (or option) that named it, for the message when it cannot be had.
     */
    public static List<String> ensure(ReadableConfig config, Map<String, String> more) {
        KafkaEventSinks.validate(config);
        Map<String, String> topics = new LinkedHashMap<>(more);
        config.getOptional(EventOptions.EVENTS_TOPIC).ifPresent(t -> topics.putIfAbsent(t, EventOptions.EVENTS_TOPIC.key()));
        config.getOptional(EventOptions.DEAD_LETTER_TOPIC).ifPresent(t -> topics.putIfAbsent(t, EventOptions.DEAD_LETTER_TOPIC.key()));
        config.getOptional(EventOptions.REPAIRS_TOPIC).ifPresent(t -> topics.putIfAbsent(t, EventOptions.REPAIRS_TOPIC.key()));
        if (topics.isEmpty()) {
            return List.of();
        }
        return new KafkaTopics(config).ensure(topics);
    }

    private List<String> ensure(Map<String, String> topics) {
        Admin admin = createAdmin();
        try {
            List<String> created = new ArrayList<>();
            for (Map.Entry<String, String> topic : topics.entrySet()) {
                if (!exists(admin, topic.getKey(), topic.getValue())) {
                    create(admin, topic.getKey(), topic.getValue());
                    created.add(topic.getKey());
                }
            }
            return created;
        } finally {
            // bounded: a plain close() waits for calls still pending at unreachable brokers
            admin.close(timeout);
        }
    }

    private Admin createAdmin() {
        Properties admin = new Properties();
        // only what an admin client knows: the producers' settings would each be warned about
        client.forEach((name, value) -> {
            if (AdminClientConfig.configNames().contains(String.valueOf(name))) {
                admin.put(name, value);
            }
        });
        admin.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, String.valueOf(timeout.toMillis()));
        admin.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, String.valueOf(timeout.toMillis()));
        try {
            return Admin.create(admin);
        } catch (RuntimeException e) {
            // no cause attached: a client's complaint about a setting may quote its value
            throw new KafkaTopicException("cannot create a Kafka admin client from the kafka.* settings "
                    + KafkaClientProperties.redacted(admin) + ": " + describe(e));
        }
    }

    private boolean exists(Admin admin, String topic, String key) {
        KafkaFuture<?> description = admin.describeTopics(List.of(topic)).topicNameValues().get(topic);
        try {
            await(description);
            return true;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof UnknownTopicOrPartitionException) {
                return false;
            }
            if (cause instanceof TopicAuthorizationException) {
                throw new KafkaTopicException("Kafka topic '" + topic + "' (" + key + "): not authorized to describe it at "
                        + servers + "; grant the job's principal DESCRIBE and WRITE on the topic", cause);
            }
            if (cause instanceof org.apache.kafka.common.errors.TimeoutException) {
                throw unreachable(cause);
            }
            throw new KafkaTopicException("Kafka topic '" + topic + "' (" + key + "): cannot look it up at " + servers
                    + ": " + describe(cause), cause);
        } catch (TimeoutException e) {
            throw unreachable(e);
        }
    }

    private void create(Admin admin, String topic, String key) {
        if (!config.get(EventOptions.CREATE_TOPICS)) {
            throw new KafkaTopicException("Kafka topic '" + topic + "' (" + key + ") does not exist at " + servers
                    + " and " + EventOptions.CREATE_TOPICS.key() + " is false: create the topic, or let the "
                    + "command line create it (drop --no-create-topics)");
        }
        Optional<Integer> partitions = config.getOptional(EventOptions.TOPIC_PARTITIONS);
        Optional<Short> replication = config.getOptional(EventOptions.TOPIC_REPLICATION).map(Integer::shortValue);
        String shape = partitions.map(p -> p + " partitions").orElse("the broker's default partitions") + ", "
                + replication.map(r -> "replication " + r).orElse("the broker's default replication");
        try {
            await(admin.createTopics(List.of(new NewTopic(topic, partitions, replication))).all());
            LOG.info("Created Kafka topic '{}' ({}) at {}", topic, shape, servers);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof TopicExistsException) {
                // created by someone else since the lookup: what the job needs is there
                return;
            }
            if (cause instanceof org.apache.kafka.common.errors.TimeoutException) {
                throw unreachable(cause);
            }
            throw new KafkaTopicException(createFailure(topic, key, shape, cause), cause);
        } catch (TimeoutException e) {
            throw unreachable(e);
        }
    }

    private String createFailure(String topic, String key, String shape, Throwable cause) {
        String prefix = "Kafka topic '" + topic + "' (" + key + ") does not exist at " + servers + " and ";
        if (cause instanceof TopicAuthorizationException || cause instanceof ClusterAuthorizationException) {
            return prefix + "the job's principal may not create it; create it ahead (" + shape
                    + ") or grant the principal CREATE";
        }
        if (cause instanceof PolicyViolationException) {
            return prefix + "the broker's topic policy refused to create it (" + describe(cause) + "); create it "
                    + "ahead or change --topic-partitions / --topic-replication";
        }
        if (cause instanceof InvalidReplicationFactorException) {
            return prefix + "cannot be created with " + shape + " (" + describe(cause) + "); lower "
                    + "--topic-replication / " + EventOptions.TOPIC_REPLICATION.key();
        }
        if (cause instanceof InvalidPartitionsException) {
            return prefix + "cannot be created with " + shape + " (" + describe(cause) + "); change "
                    + "--topic-partitions / " + EventOptions.TOPIC_PARTITIONS.key();
        }
        return prefix + "creating it failed (" + cause.getClass().getSimpleName() + ": " + describe(cause)
                + "); create it ahead (" + shape + ")";
    }

    private KafkaTopicException unreachable(Throwable cause) {
        // the settings decide how the client connects, so they are what a reader needs to see
        LOG.warn("Kafka at {} did not answer within {} ms; client settings {}", servers, timeout.toMillis(),
                KafkaClientProperties.redacted(client));
        return new KafkaTopicException("Kafka at " + servers + " (" + BROKERS + ") did not answer within "
                + timeout.toMillis() + " ms: check the address, that the brokers run, and the security "
                + "settings (kafka.security.protocol, ...)", cause);
    }

    private void await(KafkaFuture<?> future) throws ExecutionException, TimeoutException {
        try {
            // a little beyond the client's own deadline, so its more telling error wins
            future.get(timeout.toMillis() + 1_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaTopicException("interrupted while asking Kafka at " + servers + " about the topics");
        }
    }

    /** The messages of {@code e} and its causes, secrets masked. */
    private String describe(Throwable e) {
        StringBuilder text = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            text.append(": ").append(cause.getMessage());
        }
        return KafkaClientProperties.scrub(text.toString(), client);
    }
}
