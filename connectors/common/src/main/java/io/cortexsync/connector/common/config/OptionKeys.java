package io.cortexsync.connector.common.config;

import org.apache.flink.annotation.Internal;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.description.BlockElement;
import org.apache.flink.configuration.description.TextElement;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The naming rule of both connectors' option keys, as Flink's own connectors name theirs:
 * {@code <store>.<name>} for the connection, {@code <store>.<scope>.<name>} (or {@code
 * <store>.<scope>.<group>.<name>}) otherwise, every part lower-case and dashed. A concept both
 * connectors have carries the same name in both ({@link #SHARED_NAMES}), so that a
 * configuration reads alike for either store.
 */
@Internal
public final class OptionKeys {

    /** The scopes a key may have between its store and its name. */
    public static final Set<String> SCOPES = Set.of("sink", "source", "collection", "tls", "auth");

    /** Names both connectors use for the same concept. */
    public static final List<String> SHARED_NAMES = List.of(
            "connect-timeout",
            "request-timeout",
            "batch-size",
            "max-batch-bytes",
            "max-buffered-time",
            "max-retries",
            "initial-backoff",
            "max-backoff");

    /** Other spellings of the shared names, which no key may end with. */
    public static final Map<String, String> SYNONYMS = Map.of(
            "batch.size", "batch-size",
            "batch.max-bytes", "max-batch-bytes",
            "flush-interval", "max-buffered-time",
            "max-attempts", "max-retries",
            "timeout", "request-timeout");

    private static final Pattern PART = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

    private OptionKeys() {}

    /** What is wrong with {@code key} as a key of {@code store}; empty when it follows the rule. */
    public static List<String> violations(String store, String key) {
        List<String> violations = new ArrayList<>();
        String[] parts = key.split("\\.", -1);
        if (!parts[0].equals(store)) {
            violations.add(key + ": does not start with '" + store + ".'");
        }
        if (parts.length < 2 || parts.length > 4) {
            violations.add(key + ": has " + parts.length + " parts, not 2 to 4");
        }
        for (int i = 1; i < parts.length; i++) {
            if (!PART.matcher(parts[i]).matches()) {
                violations.add(key + ": part '" + parts[i] + "' is not lower-case and dashed");
            }
        }
        if (parts.length > 2 && !SCOPES.contains(parts[1])) {
            violations.add(key + ": '" + parts[1] + "' is not a scope " + SCOPES);
        }
        SYNONYMS.forEach((synonym, name) -> {
            if (key.equals(store + "." + synonym) || key.endsWith("." + synonym)) {
                violations.add(key + ": ends with '" + synonym + "'; both connectors call it '" + name + "'");
            }
        });
        return violations;
    }

    /** The public static {@link ConfigOption}s declared by {@code holder}, an {@code …Options} class. */
    public static List<ConfigOption<?>> declaredIn(Class<?> holder) {
        List<ConfigOption<?>> options = new ArrayList<>();
        for (Field field : holder.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && ConfigOption.class.isAssignableFrom(field.getType())) {
                try {
                    options.add((ConfigOption<?>) field.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException("cannot read " + holder.getSimpleName() + "." + field.getName(), e);
                }
            }
        }
        return options;
    }

    /** The last part of {@code key}, its name: {@code max-retries} of {@code qdrant.sink.max-retries}. */
    public static String name(String key) {
        return key.substring(key.lastIndexOf('.') + 1);
    }

    /**
     * The option's description as plain text, for a message that names the option. (A {@code
     * ConfigOption}'s {@code description()} is a structured object whose {@code toString} says nothing.)
     */
    public static String descriptionOf(ConfigOption<?> option) {
        StringBuilder text = new StringBuilder();
        for (BlockElement block : option.description().getBlocks()) {
            if (block instanceof TextElement) {
                TextElement element = (TextElement) block;
                text.append(element.getElements().isEmpty() ? element.getFormat() : element.getFormat().replace("%s", "…"));
            }
        }
        return text.toString().trim();
    }

    /** "'key' is required: its description", the one wording of a missing option. */
    public static String missing(ConfigOption<?> option) {
        return "'" + option.key() + "' is required: " + descriptionOf(option);
    }
}
