package io.cortexsync.cli.options;

import java.util.Map;

/**
 * Configuration keys a {@code --config} file carries under a prefix with no option of their own,
 * e.g. the Kafka clients' {@code kafka.*} settings, which are too many to give each an option.
 */
public interface PrefixedKeys {

    /** The keys under {@code prefix} with their values, prefix included. */
    Map<String, String> keysUnder(String prefix);
}
