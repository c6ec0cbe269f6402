package io.cortexsync.cli.run;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The scheduler threads of a local run's MiniCluster wake at the local tick, counted by the
 * operating system: each sleep to the next tick is a voluntary context switch of that thread.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class LocalClusterTimersITCase {

    /** Linux's names of the two actor systems' scheduler threads, cut to 15 characters as it keeps them. */
    private static final List<String> SCHEDULER_THREADS = List.of("flink-scheduler", "flink-metrics-s");

    private static final Path TASKS = Path.of("/proc/self/task");

    private static final long WATCH_MILLIS = 3_000;

    @Test
    void theSchedulersOfALocalRunsMiniClusterWakeTwentyTimesASecondNotAHundred() throws Exception {
        assumeTrue(Files.isDirectory(TASKS), "needs Linux's per-thread accounting in /proc");
        Map<String, String> before = schedulerThreads();
        Configuration conf = new Configuration();
        conf.set(CoreOptions.DEFAULT_PARALLELISM, 1);
        LocalScratchDirectories.apply(conf);
        LocalClusterTimers.apply(conf);
        MiniCluster cluster = new MiniCluster(MiniClusterRunner.clusterConfiguration(conf));
        cluster.start();
        try {
            Map<String, String> schedulers = schedulerThreads();
            schedulers.keySet().removeAll(before.keySet());
            assertThat(schedulers.values()).as("the new cluster's scheduler threads (thread id → name)")
                    .containsExactlyInAnyOrderElementsOf(SCHEDULER_THREADS);

            Map<String, Long> first = wakeUps(schedulers);
            long start = System.nanoTime();
            Thread.sleep(WATCH_MILLIS);
            Map<String, Long> second = wakeUps(schedulers);
            double seconds = (System.nanoTime() - start) / 1e9;

            for (Map.Entry<String, String> thread : schedulers.entrySet()) {
                long wakeUps = second.get(thread.getKey()) - first.get(thread.getKey());
                double perSecond = wakeUps / seconds;
                // a 50 ms tick is 20 wake-ups a second; Pekko's default of 10 ms would be 100
                assertThat(perSecond).as("wake-ups a second of %s (%d in %.2f s)", thread.getValue(), wakeUps, seconds)
                        .isBetween(5.0, 40.0);
            }
        } finally {
            cluster.closeAsync().get(60, TimeUnit.SECONDS);
        }
    }

    @Test
    void aTickTheUserSetIsKept() {
        String previous = System.getProperty(LocalClusterTimers.TICK_PROPERTY);
        System.setProperty(LocalClusterTimers.TICK_PROPERTY, "25ms");
        try {
            LocalClusterTimers.apply(new Configuration());

            assertThat(System.getProperty(LocalClusterTimers.TICK_PROPERTY)).isEqualTo("25ms");
        } finally {
            if (previous == null) {
                System.clearProperty(LocalClusterTimers.TICK_PROPERTY);
            } else {
                System.setProperty(LocalClusterTimers.TICK_PROPERTY, previous);
            }
        }
    }

    /** This JVM's threads named like a scheduler thread: thread id → name. */
    private static Map<String, String> schedulerThreads() throws IOException {
        Map<String, String> threads = new HashMap<>();
        try (Stream<Path> tasks = Files.list(TASKS)) {
            tasks.forEach(task -> {
                try {
                    String name = Files.readString(task.resolve("comm")).trim();
                    if (SCHEDULER_THREADS.contains(name)) {
                        threads.put(task.getFileName().toString(), name);
                    }
                } catch (IOException ended) {
                    // the thread ended while listed
                }
            });
        }
        return threads;
    }

    /** Voluntary context switches of each thread so far. */
    private static Map<String, Long> wakeUps(Map<String, String> threads) {
        Map<String, Long> counts = new HashMap<>();
        for (String tid : threads.keySet()) {
            try {
                String status = Files.readString(TASKS.resolve(tid).resolve("status"));
                counts.put(tid, status.lines().filter(line -> line.startsWith("voluntary_ctxt_switches:"))
                        .map(line -> Long.parseLong(line.substring(line.indexOf(':') + 1).trim()))
                        .findFirst().orElseThrow());
            } catch (IOException e) {
                throw new UncheckedIOException("thread " + tid + " of the cluster ended", e);
            }
        }
        return counts;
    }
}
