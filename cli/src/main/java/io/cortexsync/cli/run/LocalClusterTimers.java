package io.cortexsync.cli.run;

import org.apache.flink.annotation.Internal;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.ResourceManagerOptions;

import java.time.Duration;
import java.util.List;

/**
 * The timers of this process's MiniClusters: no batching delays for slot requests, and Pekko's
 * schedulers ticking every 50 ms instead of every 10.
 *
 * <p>As a job starts, its JobMaster gathers slot requests for 20 ms before it declares them, and
 * the ResourceManager waits 50 ms before it checks the declared requirements and again before it
 * asks for resources: on a cluster that batches the requests of many tasks and jobs into one
 * round. A local run has one job and one TaskManager, so the batches hold one request each and the
 * delays only add up before its first task deploys (about 80 ms of a 10-record migration). Set to
 * zero, Flink handles each at once.
 *
 * <p>Each of a MiniCluster's two actor systems (Flink's RPC and the metric queries) has a
 * scheduler thread that wakes at every tick whether or not anything is due: 200 wake-ups a second
 * for as long as the run lasts, on the cores the job shares with its stores. With the delays above
 * gone, what a local run schedules there are heartbeats and timeouts of a second or more. Flink's
 * Pekko configuration has no key for the tick, and Pekko reads system properties over its
 * defaults, so the tick is set as one, before the first actor system starts.
 *
 * <p>A delay the configuration already sets, and a tick set with {@code
 * -Dpekko.scheduler.tick-duration=...} (in {@code CORTEX_SYNC_JAVA_OPTS}), are kept.
 */
@Internal
final class LocalClusterTimers {

    static final String TICK_PROPERTY = "pekko.scheduler.tick-duration";

    static final String LOCAL_TICK = "50ms";

    /** Delays that gather a job's slot requests and resource requirements into rounds. */
    static final List<ConfigOption<Duration>> BATCHING_DELAYS = List.of(
            JobManagerOptions.SLOT_REQUEST_MAX_INTERVAL,
            ResourceManagerOptions.REQUIREMENTS_CHECK_DELAY,
            ResourceManagerOptions.DECLARE_NEEDED_RESOURCE_DELAY);

    private LocalClusterTimers() {}

    /**
     * Sets the batching delays of {@code conf} to zero where it does not set them, and the Pekko
     * tick of the actor systems this process starts from now on, unless it is set already.
     */
    static void apply(Configuration conf) {
        for (ConfigOption<Duration> delay : BATCHING_DELAYS) {
            if (!conf.contains(delay)) {
                conf.set(delay, Duration.ZERO);
            }
        }
        synchronized (LocalClusterTimers.class) {
            if (System.getProperty(TICK_PROPERTY) == null) {
                System.setProperty(TICK_PROPERTY, LOCAL_TICK);
            }
        }
    }
}
