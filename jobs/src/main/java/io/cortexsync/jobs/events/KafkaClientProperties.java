package io.cortexsync.jobs.events;

import org.apache.flink.configuration.ReadableConfig;

import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The Kafka client settings of a job's configuration: every {@code kafka.<client property>} key,
 * without its prefix, as the producers and admin clients take them. Values of secret settings
 * (passwords, JAAS configurations, keys) never appear in what {@link #redacted} and {@link
 * #scrub} return, which is what log lines and exception messages may carry.
 */
public final class KafkaClientProperties {

    static final String MASK = "******";

    /** A credential inside a JAAS configuration quoted on its own, e.g. in a parser's complaint. */
    private static final Pattern JAAS_SECRET =
            Pattern.compile("(?i)((?:password|secret|token)[a-z_]*\\s*=\\s*)(\"[^\"]*\"|[^\\s;\"]+)");

    private KafkaClientProperties() {}

    /** The {@code kafka.*} settings of {@code config}, without the prefix. */
    public static Properties of(ReadableConfig config) {
        Properties properties = new Properties();
        config.toMap().forEach((key, value) -> {
            if (key.startsWith(EventOptions.KAFKA_PREFIX) && key.length() > EventOptions.KAFKA_PREFIX.length()) {
                properties.setProperty(key.substring(EventOptions.KAFKA_PREFIX.length()), value);
            }
        });
        return properties;
    }

    /**
     * Whether the client property {@code name} holds a secret: any name mentioning a password,
     * a secret, a key (keystores included) or a JAAS configuration, which embeds credentials.
     * Masking a harmless setting costs a little clarity; printing a credential cannot be undone.
     */
    public static boolean isSecret(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.contains("password") || lower.contains("secret") || lower.contains("jaas")
                || lower.contains("key") || lower.contains("token") || lower.contains("credential");
    }

    /** The settings sorted by name, each secret value masked, for a log line or a message. */
    public static String redacted(Map<?, ?> properties) {
        Map<String, String> shown = new TreeMap<>();
        properties.forEach((name, value) -> shown.put(String.valueOf(name),
                isSecret(String.valueOf(name)) ? MASK : String.valueOf(value)));
        return shown.toString();
    }

    /**
     * {@code text} (e.g. a client exception's message, which may quote a setting's value) with
     * every secret value of {@code properties} masked.
     */
    public static String scrub(String text, Map<?, ?> properties) {
        if (text == null) {
            return null;
        }
        String scrubbed = text;
        for (Map.Entry<?, ?> entry : properties.entrySet()) {
            String value = String.valueOf(entry.getValue());
            if (isSecret(String.valueOf(entry.getKey())) && !value.isEmpty()) {
                scrubbed = scrubbed.replace(value, MASK);
            }
        }
        return JAAS_SECRET.matcher(scrubbed).replaceAll("$1" + MASK);
    }
}
