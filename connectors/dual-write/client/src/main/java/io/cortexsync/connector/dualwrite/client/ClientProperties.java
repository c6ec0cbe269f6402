package io.cortexsync.connector.dualwrite.client;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The Kafka settings of the client's producer and consumer: the application's pass-through
 * properties (security and tuning) under the settings the client's guarantees rest on, which the
 * application may not change: an idempotent producer that waits for every replica, and a consumer
 * that reads committed events only.
 */
final class ClientProperties {

    static final String MASK = "******";

    private final String bootstrapServers;
    private final Map<String, String> passThrough;

    ClientProperties(String bootstrapServers, Map<String, String> passThrough) {
        this.bootstrapServers = bootstrapServers;
        this.passThrough = Map.copyOf(passThrough);
    }

    /**
     * Why the pass-through setting {@code name = value} may not be used, naming what to do
     * instead, or null when it may.
     */
    static String refusal(String name, String value) {
        String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        switch (name) {
            case CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG:
                return "set it with setBootstrapServers";
            case ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG:
            case ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG:
            case ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG:
            case ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG:
                return "the client writes and reads the records' JSON itself";
            case ProducerConfig.TRANSACTIONAL_ID_CONFIG:
                return "the client's producer is idempotent, not transactional";
            case ProducerConfig.ACKS_CONFIG:
                return v.equals("all") || v.equals("-1") ? null : "the client needs acks=all, so that no accepted change is lost";
            case ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG:
                return v.equals("true") ? null : "the client needs an idempotent producer, so that a retry writes no duplicate";
            case ConsumerConfig.ISOLATION_LEVEL_CONFIG:
                return v.equals("read_committed") ? null : "the client reads committed events only (read_committed)";
            default:
                return null;
        }
    }

    Properties producer() {
        Properties props = common();
        props.setProperty(ProducerConfig.ACKS_CONFIG, "all");
        props.setProperty(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        return props;
    }

    /**
     * No group and no committed offsets: the reader assigns itself every partition and starts at
     * the end each time. It never creates a topic: both belong to the job.
     */
    Properties consumer() {
        Properties props = common();
        props.setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.setProperty(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.setProperty(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        props.setProperty(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        return props;
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    /** The pass-through settings sorted by name with secret values masked, for a log line. */
    String redacted() {
        Map<String, String> shown = new TreeMap<>();
        passThrough.forEach((name, value) -> shown.put(name, isSecret(name) ? MASK : value));
        return shown.toString();
    }

    /**
     * Whether a setting holds a secret: any name mentioning a password, secret, key (keystores
     * included), token, credential or JAAS configuration (which embeds credentials). Masking a
     * harmless setting costs a little clarity; printing a credential cannot be undone.
     */
    static boolean isSecret(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.contains("password") || lower.contains("secret") || lower.contains("jaas")
                || lower.contains("key") || lower.contains("token") || lower.contains("credential");
    }

    private Properties common() {
        Properties props = new Properties();
        props.putAll(passThrough);
        props.setProperty(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return props;
    }
}
