package io.cortexsync.testkit.flink;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;

/** The MiniClusters the connectors' job tests register: one TaskManager with a few slots. */
public final class MiniClusters {

    private MiniClusters() {}

    /** One TaskManager with {@code slots} slots. */
    public static MiniClusterExtension withSlots(int slots) {
        return withSlots(slots, new Configuration());
    }

    /** One TaskManager with {@code slots} slots whose metrics {@code reporter} retains. */
    public static MiniClusterExtension withSlots(int slots, InMemoryReporter reporter) {
        return withSlots(slots, reporter.addToConfiguration(new Configuration()));
    }

    private static MiniClusterExtension withSlots(int slots, Configuration configuration) {
        return new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
                .setNumberTaskManagers(1)
                .setNumberSlotsPerTaskManager(slots)
                .setConfiguration(configuration)
                .build());
    }
}
