package io.cortexsync.cli.run;

import org.apache.flink.annotation.Internal;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.streaming.api.graph.StreamEdge;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.apache.flink.streaming.api.graph.StreamingJobGraphGenerator;

/**
 * The network memory of a local run's TaskManager, fitted to its job.
 *
 * <p>Flink gives a MiniCluster's TaskManager 64 MB of network buffers and allocates and zeroes all
 * of them when it starts: a third of the cluster's start on a machine where touching a fresh page
 * is slow. Only records that cross from one task to another use them. A job whose operators all
 * chain into one task (a migration) exchanges none, and gets a small pool; any other job keeps
 * Flink's default, and so does a configuration that sets the network memory itself.
 */
@Internal
final class LocalNetworkMemory {

    /** The pool of a job without exchanges: 64 buffers of 32 kB, where Flink wants some. */
    static final MemorySize WITHOUT_EXCHANGES = MemorySize.ofMebiBytes(2);

    private LocalNetworkMemory() {}

    /** The network settings a MiniCluster for {@code graph} gets on top of {@code conf}: none, or a small pool. */
    static Configuration forGraph(StreamGraph graph, ReadableConfig conf) {
        return forJob(exchangesRecords(graph), conf);
    }

    /** The network settings for a job that does or does not exchange records between tasks. */
    static Configuration forJob(boolean exchangesRecords, ReadableConfig conf) {
        Configuration settings = new Configuration();
        if (!setByUser(conf) && !exchangesRecords) {
            settings.set(TaskManagerOptions.NETWORK_MEMORY_MIN, WITHOUT_EXCHANGES);
            settings.set(TaskManagerOptions.NETWORK_MEMORY_MAX, WITHOUT_EXCHANGES);
        }
        return settings;
    }

    /** Whether records of {@code graph} cross between tasks: an edge that does not chain. */
    static boolean exchangesRecords(StreamGraph graph) {
        for (StreamNode node : graph.getStreamNodes()) {
            for (StreamEdge edge : node.getOutEdges()) {
                if (!StreamingJobGraphGenerator.isChainable(edge, graph)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether {@code a} and {@code b} set the network memory alike. */
    static boolean sameSettings(ReadableConfig a, ReadableConfig b) {
        return a.getOptional(TaskManagerOptions.NETWORK_MEMORY_MIN).equals(b.getOptional(TaskManagerOptions.NETWORK_MEMORY_MIN))
                && a.getOptional(TaskManagerOptions.NETWORK_MEMORY_MAX).equals(b.getOptional(TaskManagerOptions.NETWORK_MEMORY_MAX))
                && a.getOptional(TaskManagerOptions.NETWORK_MEMORY_FRACTION).equals(b.getOptional(TaskManagerOptions.NETWORK_MEMORY_FRACTION));
    }

    private static boolean setByUser(ReadableConfig conf) {
        return conf.getOptional(TaskManagerOptions.NETWORK_MEMORY_MIN).isPresent()
                || conf.getOptional(TaskManagerOptions.NETWORK_MEMORY_MAX).isPresent()
                || conf.getOptional(TaskManagerOptions.NETWORK_MEMORY_FRACTION).isPresent();
    }
}
