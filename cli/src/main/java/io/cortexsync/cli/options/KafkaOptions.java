package io.cortexsync.cli.options;

import io.cortexsync.cli.InvalidOptionException;
import io.cortexsync.jobs.events.EventOptions;

import org.apache.flink.configuration.Configuration;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Where a job's events and dead letters go on Kafka, shared by the commands of the streaming jobs
 * as a picocli mixin. The values become {@link EventOptions}' keys and {@code kafka.<client
 * property>} keys; a {@code --config} file may also carry any {@code kafka.*} key, which {@code
 * --kafka-property} on the command line overrides key by key.
 */
public final class KafkaOptions {

    /** The option of the client settings; a {@code --config} file's {@code kafka.*} keys belong to it. */
    public static final String PROPERTY_OPTION = "kafka-property";

    public static final Pattern TOPIC_NAME = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Option(names = "--kafka-bootstrap", paramLabel = "HOST:PORT", description = "Kafka brokers, host:port[,host:port...]; required with --events-topic or --dead-letter-topic.")
    String bootstrap;

    @Option(names = "--events-topic", paramLabel = "NAME", description = "Kafka topic of the sync events, one per change outcome, keyed by record id, written exactly once (read them with isolation.level=read_committed); none: no events.")
    String eventsTopic;

    @Option(names = "--dead-letter-topic", paramLabel = "NAME", description = "Kafka topic of the dead letters, keyed by record id; none: the dead-letter file only.")
    String deadLetterTopic;

    @Option(names = "--dead-letter-file", negatable = true, defaultValue = "true", fallbackValue = "true", description = "Write dead letters to the --dead-letter file; with --no-dead-letter-file they go to the --dead-letter-topic only (default: ${DEFAULT-VALUE}).")
    boolean deadLetterFile;

    @Option(names = "--kafka-property", paramLabel = "KEY=VALUE", description = "A Kafka client setting, e.g. security.protocol=SASL_SSL; repeatable. Secret values are never printed.")
    Map<String, String> properties = new LinkedHashMap<>();

    @Option(names = "--topic-partitions", paramLabel = "N", description = "Partitions of a topic created before the start (default: the broker's num.partitions).")
    Integer topicPartitions;

    @Option(names = "--topic-replication", paramLabel = "N", description = "Replication factor of a topic created before the start (default: the broker's).")
    Integer topicReplication;

    @Option(names = "--create-topics", negatable = true, defaultValue = "true", fallbackValue = "true", description = "Create a missing topic before the job starts; with --no-create-topics a missing topic fails the start (default: ${DEFAULT-VALUE}).")
    boolean createTopics;

    /** Fails with a message naming the option when the Kafka outputs cannot work with these values. */
    public void validate() {
        checkTopic(eventsTopic, "--events-topic");
        checkTopic(deadLetterTopic, "--dead-letter-topic");
        boolean anyTopic = eventsTopic != null || deadLetterTopic != null;
        if (anyTopic && (bootstrap == null || bootstrap.isBlank())) {
            throw new InvalidOptionException("--kafka-bootstrap", "required with "
                    + (eventsTopic != null ? "--events-topic" : "--dead-letter-topic") + ": name the Kafka brokers (host:port)");
        }
        if (!deadLetterFile && deadLetterTopic == null) {
            throw new InvalidOptionException("--no-dead-letter-file", "dead letters need somewhere to go: name a --dead-letter-topic");
        }
        for (String key : properties.keySet()) {
            if (key.isBlank() || key.startsWith(EventOptions.KAFKA_PREFIX)) {
                throw new InvalidOptionException("--kafka-property", "'" + key + "' is no Kafka client setting "
                        + "(give it without the 'kafka.' prefix, e.g. security.protocol=SSL)");
            }
        }
        if (topicPartitions != null) {
            OptionChecks.inRange(topicPartitions, 1, 100_000, "--topic-partitions");
        }
        if (topicReplication != null) {
            OptionChecks.inRange(topicReplication, 1, Short.MAX_VALUE, "--topic-replication");
        }
    }

    /**
     * Adds the Kafka keys to {@code conf}: a {@code --config} file's {@code kafka.*} settings, the
     * {@code --kafka-property} ones over them, {@code --kafka-bootstrap} over both, and the topics.
     */
    public void putInto(Configuration conf) {
        Map<String, String> client = new TreeMap<>(fileSettings());
        properties.forEach((key, value) -> client.put(EventOptions.KAFKA_PREFIX + key, value));
        if (bootstrap != null) {
            client.put(EventOptions.BOOTSTRAP_SERVERS_KEY, bootstrap);
        }
        client.forEach(conf::setString);
        if (eventsTopic != null) {
            conf.set(EventOptions.EVENTS_TOPIC, eventsTopic);
        }
        if (deadLetterTopic != null) {
            conf.set(EventOptions.DEAD_LETTER_TOPIC, deadLetterTopic);
        }
        if (topicPartitions != null) {
            conf.set(EventOptions.TOPIC_PARTITIONS, topicPartitions);
        }
        if (topicReplication != null) {
            conf.set(EventOptions.TOPIC_REPLICATION, topicReplication);
        }
        conf.set(EventOptions.CREATE_TOPICS, createTopics);
    }

    /** Whether the job writes anything to Kafka. */
    public boolean enabled() {
        return eventsTopic != null || deadLetterTopic != null;
    }

    /** Whether dead letters go to the {@code --dead-letter} file (as well as to a topic, if one is named). */
    public boolean deadLetterFile() {
        return deadLetterFile;
    }

    public String bootstrap() {
        return bootstrap;
    }

    public String eventsTopic() {
        return eventsTopic;
    }

    public String deadLetterTopic() {
        return deadLetterTopic;
    }

    /** Where the events go, without any client setting (which may hold secrets). */
    public String describe() {
        return enabled() ? "events " + (eventsTopic != null ? eventsTopic : "-") + ", dead letters "
                + (deadLetterTopic != null ? deadLetterTopic : "-") + " at Kafka " + bootstrap : "no Kafka outputs";
    }

    /** The {@code kafka.*} keys of the command's {@code --config} file, if it has one. */
    private Map<String, String> fileSettings() {
        return PrefixedKeys.ofCommand(command, EventOptions.KAFKA_PREFIX);
    }

    private static void checkTopic(String topic, String option) {
        if (topic != null) {
            OptionChecks.matches(topic, TOPIC_NAME, option, "a Kafka topic name (1 to 249 of a-z A-Z 0-9 . _ -)");
        }
    }
}
