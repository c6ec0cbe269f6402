package io.cortexsync.jobs.cluster;

import io.cortexsync.jobs.migrate.MigrateOptions;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The program arguments of a migration run on a cluster: the options as given, with what the client
 * does itself taken out ({@code --resume} becomes the run's savepoint path, {@code --verify} and the
 * dashboard are the client's and the cluster's) and the dimension the preflight found written in,
 * so the job on the cluster does not have to find it again.
 */
final class ClusterJobArgs {

    private static final Map<String, String> CLIENT_SIDE_FLAGS = Map.of(
            "--resume", "--no-resume",
            "--verify", "--no-verify",
            "--web-ui", "--no-web-ui");

    private ClusterJobArgs() {}

    static List<String> of(MigrateOptions options, int dimension) {
        List<String> args = new ArrayList<>();
        List<String> given = options.toArgs();
        for (int i = 0; i < given.size(); i++) {
            String arg = given.get(i);
            if (arg.equals("--dim") && i + 1 < given.size()) {
                args.add(arg);
                args.add(String.valueOf(dimension));
                i++;
            } else {
                args.add(CLIENT_SIDE_FLAGS.getOrDefault(arg, arg));
            }
        }
        return args;
    }
}
