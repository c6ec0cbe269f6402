package io.cortexsync.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.cortexsync.cli.options.ConfigKeys;
import io.cortexsync.cli.options.PrefixedKeys;
import picocli.CommandLine;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Default values from the YAML file named by {@code --config}: each key is an option's long name
 * without its dashes ({@code surreal-url: http://...}, {@code table: [a, b]}) or the configuration
 * key behind it ({@code surrealdb.url}, see {@link ConfigKeys}), so a flag on the command line
 * overrides the file and the file overrides the built-in default. Keys under an option's prefix
 * (any {@code kafka.*} key, see {@link ConfigKeys#prefixOf}) are accepted when the command has
 * that option, which reads them through {@link #keysUnder}.
 */
public final class ConfigFileDefaults implements IDefaultValueProvider, PrefixedKeys {

    /** The option naming the file. */
    public static final String CONFIG_OPTION = "--config";

    private final Path file;
    private final Map<String, String> values;

    private ConfigFileDefaults(Path file, Map<String, String> values) {
        this.file = file;
        this.values = values;
    }

    /** The defaults of the file named by {@code --config FILE} or {@code --config=FILE} in {@code args}; none without it. */
    public static ConfigFileDefaults fromArgs(String[] args) {
        Path file = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals(CONFIG_OPTION)) {
                if (i + 1 >= args.length) {
                    throw new CommandLine.PicocliException("--config needs a file");
                }
                file = Path.of(args[i + 1]);
            } else if (args[i].startsWith(CONFIG_OPTION + "=")) {
                file = Path.of(args[i].substring(CONFIG_OPTION.length() + 1));
            }
        }
        return file == null ? new ConfigFileDefaults(null, Map.of()) : new ConfigFileDefaults(file, read(file));
    }

    /** The keys read from the file. */
    public Set<String> keys() {
        return Collections.unmodifiableSet(values.keySet());
    }

    /**
     * Fails, naming the key, when the file holds a key that is no long option of {@code command}:
     * a misspelt key would otherwise be ignored silently.
     */
    public void checkKeys(CommandSpec command) {
        Set<String> known = new TreeSet<>();
        Set<String> prefixes = new TreeSet<>();
        for (OptionSpec option : command.options()) {
            known.add(keyOf(option));
            ConfigKeys.keyOf(keyOf(option)).ifPresent(known::add);
            ConfigKeys.prefixOf(keyOf(option)).ifPresent(prefixes::add);
        }
        for (String key : values.keySet()) {
            if (!known.contains(key) && prefixes.stream().noneMatch(key::startsWith)) {
                throw new CommandLine.ParameterException(
                        command.commandLine() != null ? command.commandLine() : new CommandLine(command),
                        "--config " + file + ": unknown key '" + key + "' (keys are the long option names without '--' or their configuration keys: "
                                + String.join(", ", known) + (prefixes.isEmpty() ? "" : ", or any key under " + String.join(", ", prefixes)) + ")");
            }
        }
    }

    @Override
    public Map<String, String> keysUnder(String prefix) {
        Map<String, String> under = new LinkedHashMap<>();
        values.forEach((key, value) -> {
            if (key.startsWith(prefix) && key.length() > prefix.length()) {
                under.put(key, value);
            }
        });
        return under;
    }

    @Override
    public String defaultValue(ArgSpec argSpec) {
        if (!argSpec.isOption()) {
            return null;
        }
        String name = keyOf((OptionSpec) argSpec);
        String value = values.get(name);
        if (value == null) {
            value = ConfigKeys.keyOf(name).map(values::get).orElse(null);
        }
        // null: picocli falls back to the option's own default
        return value;
    }

    private static String keyOf(OptionSpec option) {
        String name = option.longestName();
        int i = 0;
        while (i < name.length() && name.charAt(i) == '-') {
            i++;
        }
        return name.substring(i);
    }

    private static Map<String, String> read(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new CommandLine.PicocliException("--config " + file + ": cannot read it: " + e.getMessage(), e);
        }
        Map<String, String> values = new LinkedHashMap<>();
        if (root == null || root.isMissingNode() || root.isNull()) {
            return values;
        }
        if (!root.isObject()) {
            throw new CommandLine.PicocliException("--config " + file + ": expected a map of option names to values");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            values.put(field.getKey(), text(file, field.getKey(), field.getValue()));
        }
        return values;
    }

    /** Scalars as their text, lists joined with commas (list options split on commas). */
    private static String text(Path file, String key, JsonNode node) {
        if (node.isArray()) {
            List<String> items = new ArrayList<>();
            for (JsonNode item : node) {
                items.add(text(file, key, item));
            }
            return String.join(",", items);
        }
        if (node.isValueNode() && !node.isNull()) {
            return node.asText();
        }
        throw new CommandLine.PicocliException("--config " + file + ": key '" + key + "' must be a value or a list of values");
    }
}
