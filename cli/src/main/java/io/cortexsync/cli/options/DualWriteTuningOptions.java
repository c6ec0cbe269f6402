package io.cortexsync.cli.options;

import io.cortexsync.cli.InvalidOptionException;
import io.cortexsync.connector.dualwrite.DualWriteOptions;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The dual-write sink's tuning ({@code dual-write.*} keys such as {@code dual-write.commit-timeout}),
 * a picocli mixin: a {@code --config} file may carry any of them, and {@code --dual-write-property}
 * on the command line overrides key by key. Keys that have an option of their own ({@code
 * --conflict}) are set through it.
 */
public final class DualWriteTuningOptions {

    /** The option of the tuning keys; a {@code --config} file's {@code dual-write.*} keys belong to it. */
    public static final String PROPERTY_OPTION = "dual-write-property";

    public static final String PREFIX = "dual-write.";

    /** What may be tuned: the sink's options that no command-line option sets. */
    static final List<ConfigOption<?>> TUNABLE = List.of(
            DualWriteOptions.COMMIT_TIMEOUT,
            DualWriteOptions.MAX_CHANGES_PER_COMMIT,
            DualWriteOptions.QDRANT_RETRY_IN_PLACE,
            DualWriteOptions.QDRANT_MAX_BACKOFF,
            DualWriteOptions.MARKER_RETENTION,
            DualWriteOptions.COMMIT_TABLE,
            DualWriteOptions.TOMBSTONE_TABLE,
            DualWriteOptions.VERSION_FIELD,
            DualWriteOptions.TIMESTAMP_FIELD);

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Option(names = "--dual-write-property", paramLabel = "KEY=VALUE", description = "A setting of the dual-write sink without its 'dual-write.' prefix, e.g. commit-timeout=10s; repeatable. Keys: commit-timeout, max-changes-per-commit, qdrant.retry-in-place, qdrant.max-backoff, marker-retention, commit-table, tombstone-table, version-field, timestamp-field.")
    Map<String, String> properties = new LinkedHashMap<>();

    /** Fails naming the option (or the file) and the key when a key is unknown or its value does not parse. */
    public void validate() {
        Map<String, String> settings = settings();
        Configuration parsed = new Configuration();
        settings.forEach(parsed::setString);
        for (Map.Entry<String, String> setting : settings.entrySet()) {
            ConfigOption<?> option = TUNABLE.stream().filter(o -> o.key().equals(setting.getKey())).findFirst()
                    .orElseThrow(() -> new InvalidOptionException("--dual-write-property", "'"
                            + setting.getKey().substring(PREFIX.length()) + "' is no dual-write setting; one of: "
                            + TUNABLE.stream().map(o -> o.key().substring(PREFIX.length())).collect(Collectors.joining(", "))));
            try {
                parsed.get(option);
            } catch (IllegalArgumentException e) {
                throw new InvalidOptionException("--dual-write-property", "'" + setting.getValue() + "' is no valid value of "
                        + setting.getKey().substring(PREFIX.length()) + ": " + e.getMessage());
            }
        }
    }

    /** Adds the settings to {@code conf}: the file's, then the command line's over them. */
    public void putInto(Configuration conf) {
        settings().forEach(conf::setString);
    }

    /** Every tuning key with its value, prefixed, the command line's over the file's. */
    Map<String, String> settings() {
        Map<String, String> settings = new TreeMap<>(fileSettings());
        properties.forEach((key, value) -> settings.put(key.startsWith(PREFIX) ? key : PREFIX + key, value));
        return settings;
    }

    /** The file's {@code dual-write.*} keys, less those of options of their own ({@code dual-write.conflict}, ...). */
    private Map<String, String> fileSettings() {
        Map<String, String> keys = new TreeMap<>(PrefixedKeys.ofCommand(command, PREFIX));
        keys.keySet().removeAll(ConfigKeys.all().values());
        return keys;
    }
}
