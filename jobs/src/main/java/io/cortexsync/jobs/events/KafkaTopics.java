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

    private KafkaTopics() {}

    /**
     * Makes sure every topic {@code config} names exists; returns the topics it created.
     *
     * @throws KafkaTopicException when a topic is missing and may not be created, or the brokers
     *     cannot be asked
     * @throws org.apache.flink.configuration.IllegalConfigurationException when the options are
     *     wrong, see {@link KafkaEventSinks#validate}
     */
    public static List<String> ensure(ReadableConfig config) {
        KafkaEventSinks.validate(config);
        Map<String, String> topics = new LinkedHashMap<>();
        config.getOptional(EventOptions.EVENTS_TOPIC).ifPresent(t -> topics.put(t, EventOptions.EVENTS_TOPIC.key()));
        config.getOptional(EventOptions.DEAD_LETTER_TOPIC).ifPresent(t -> topics.putIfAbsent(t, EventOptions.DEAD_LETTER_TOPIC.key()));
        if (topics.isEmpty()) {
            return List.of();
        }
        Duration timeout = config.get(EventOptions.ADMIN_TIMEOUT);
        Properties client = KafkaClientProperties.of(config);
        String servers = client.getProperty(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG);
        Admin admin = createAdmin(client, timeout);
        try {
            List<String> created = new ArrayList<>();
            for (Map.Entry<String, String> topic : topics.entrySet()) {
                if (!exists(admin, topic.getKey(), topic.getValue(), servers, timeout)) {
                    create(admin, topic.getKey(), topic.getValue(), config, servers, timeout);
                    created.add(topic.getKey());
                }
            }
            return created;
        } finally {
            // bounded: a plain close() waits for calls still pending at unreachable brokers
            admin.close(timeout);
        }
    }

    private static Admin createAdmin(Properties client, Duration timeout) {
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
                    + KafkaClientProperties.redacted(admin) + ": " + describe(e, client));
        }
    }

    private static boolean exists(Admin admin, String topic, String key, String servers, Duration timeout) {
        KafkaFuture<?> description = admin.describeTopics(List.of(topic)).topicNameValues().get(topic);
        try {
            await(description, timeout);
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
                throw unreachable(servers, timeout, cause);
            }
            throw new KafkaTopicException("Kafka topic '" + topic + "' (" + key + "): cannot look it up at " + servers
                    + ": " + cause, cause);
        } catch (TimeoutException e) {
            throw unreachable(servers, timeout, e);
        }
    }

    private static void create(Admin admin, String topic, String key, ReadableConfig config, String servers,
            Duration timeout) {
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
            await(admin.createTopics(List.of(new NewTopic(topic, partitions, replication))).all(), timeout);
            LOG.info("Created Kafka topic '{}' ({}) at {}", topic, shape, servers);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof TopicExistsException) {
                // created by someone else since the lookup: what the job needs is there
                return;
            }
            throw new KafkaTopicException(createFailure(topic, key, shape, servers, timeout, cause), cause);
        } catch (TimeoutException e) {
            throw unreachable(servers, timeout, e);
        }
    }

    private static String createFailure(String topic, String key, String shape, String servers, Duration timeout,
            Throwable cause) {
        String prefix = "Kafka topic '" + topic + "' (" + key + ") does not exist at " + servers + " and ";
        String createAhead = "; create it ahead (" + shape + ") or grant the job's principal CREATE";
        if (cause instanceof TopicAuthorizationException || cause instanceof ClusterAuthorizationException) {
            return prefix + "the job's principal may not create it" + createAhead;
        }
        if (cause instanceof PolicyViolationException) {
            return prefix + "the broker's topic policy refused to create it (" + cause.getMessage() + "); create it "
                    + "ahead or change --topic-partitions / --topic-replication";
        }
        if (cause instanceof InvalidReplicationFactorException) {
            return prefix + "cannot be created with " + shape + " (" + cause.getMessage() + "); lower "
                    + "--topic-replication / " + EventOptions.TOPIC_REPLICATION.key();
        }
        if (cause instanceof InvalidPartitionsException) {
            return prefix + "cannot be created with " + shape + " (" + cause.getMessage() + "); change "
                    + "--topic-partitions / " + EventOptions.TOPIC_PARTITIONS.key();
        }
        if (cause instanceof org.apache.kafka.common.errors.TimeoutException) {
            return unreachable(servers, timeout, cause).getMessage();
        }
        return prefix + "creating it failed: " + cause + createAhead;
    }

    private static KafkaTopicException unreachable(String servers, Duration timeout, Throwable cause) {
        return new KafkaTopicException("Kafka at " + servers + " (" + BROKERS + ") did not answer within "
                + timeout.toMillis() + " ms: check the address, that the brokers run, and the security "
                + "settings (kafka.security.protocol, ...)", cause);
    }

    private static void await(KafkaFuture<?> future, Duration timeout) throws ExecutionException, TimeoutException {
        try {
            // a little beyond the client's own deadline, so its more telling error wins
            future.get(timeout.toMillis() + 1_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaTopicException("interrupted while asking Kafka about the topics");
        }
    }

    private static String describe(Throwable e, Properties client) {
        StringBuilder text = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            text.append(": ").append(cause.getMessage());
        }
        return KafkaClientProperties.scrub(text.toString(), client);
    }
}
