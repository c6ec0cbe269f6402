package io.cortexsync.cli.options;

import picocli.CommandLine.Model.CommandSpec;

import java.util.Map;

/**
 * Configuration keys a {@code --config} file carries under a prefix with no option of their own,
 * e.g. the Kafka clients' {@code kafka.*} settings, which are too many to give each an option.
 */
public interface PrefixedKeys {

    /** The keys under {@code prefix} with their values, prefix included. */
    Map<String, String> keysUnder(String prefix);

    /**
     * The keys under {@code prefix} of the {@code --config} file of the command that {@code spec}
     * belongs to; none without a file. A mixin within a mixin has no provider of its own, so the
     * command line's is asked then.
     */
    static Map<String, String> ofCommand(CommandSpec spec, String prefix) {
        if (spec == null) {
            return Map.of();
        }
        Object provider = spec.defaultValueProvider() != null ? spec.defaultValueProvider()
                : spec.commandLine() == null ? null : spec.commandLine().getDefaultValueProvider();
        return provider instanceof PrefixedKeys ? ((PrefixedKeys) provider).keysUnder(prefix) : Map.of();
    }
}
