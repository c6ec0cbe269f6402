package io.cortexsync.jobs.common;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.IllegalConfigurationException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A job main's program arguments: configuration keys and values as {@code --key value} pairs, the
 * same keys a {@code --config} file or a hand-written Flink configuration carries. The command line
 * renders a job's {@link Configuration} this way for a cluster, and the job main reads it back.
 */
public final class JobArguments {

    private JobArguments() {}

    /** The configuration in {@code args}; fails naming the argument that is not a {@code --key value} pair. */
    public static Configuration parse(String[] args) {
        Map<String, String> values = new TreeMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new IllegalConfigurationException(
                        "job argument '" + arg + "' is not a configuration key: arguments are --key value pairs");
            }
            if (i + 1 >= args.length) {
                throw new IllegalConfigurationException("job argument '" + arg + "' has no value");
            }
            values.put(arg.substring(2), args[++i]);
        }
        return Configuration.fromMap(values);
    }

    /** {@code config} as program arguments that {@link #parse} reads back to an equal configuration. */
    public static List<String> render(Configuration config) {
        List<String> args = new ArrayList<>();
        new TreeMap<>(config.toMap()).forEach((key, value) -> {
            args.add("--" + key);
            args.add(value);
        });
        return args;
    }
}
