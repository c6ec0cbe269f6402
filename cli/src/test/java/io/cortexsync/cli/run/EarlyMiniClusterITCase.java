package io.cortexsync.cli.run;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Real MiniClusters started ahead of a job, and what a job that asks for its cluster gets. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class EarlyMiniClusterITCase {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private final List<MiniCluster> clusters = new ArrayList<>();

    @AfterEach
    void closeClusters() throws Exception {
        for (MiniCluster cluster : clusters) {
            cluster.closeAsync().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        }
    }

    @Test
    void aJobThatFitsGetsTheClusterStartedEarlyAlreadyRunning() throws Exception {
        EarlyMiniCluster early = EarlyMiniCluster.start(() -> configuration(2, null));

        MiniCluster forJob = keep(early.forJob(configuration(2, null)));

        assertThat(forJob).isSameAs(early.started().get(WAIT.toSeconds(), TimeUnit.SECONDS));
        assertThat(forJob.isRunning()).isTrue();
        forJob.start(); // the local executor's own start finds it running
        assertThat(forJob.isRunning()).isTrue();
    }

    @Test
    void aJobWithFewerParallelTasksFitsToo() throws Exception {
        EarlyMiniCluster early = EarlyMiniCluster.start(() -> configuration(4, null));

        MiniCluster forJob = keep(early.forJob(configuration(2, null)));

        assertThat(forJob).isSameAs(early.started().get());
    }

    @Test
    void aJobThatNeedsMoreSlotsGetsANewClusterAndTheEarlyOneIsClosed() throws Exception {
        EarlyMiniCluster early = EarlyMiniCluster.start(() -> configuration(2, null));

        MiniCluster forJob = keep(early.forJob(configuration(4, null)));

        assertThat(forJob.isRunning()).as("a new cluster, which the local executor starts").isFalse();
        assertClosedInTime(early.started().get());
    }

    @Test
    void aJobThatNeedsOtherNetworkMemoryGetsANewCluster() throws Exception {
        EarlyMiniCluster early = EarlyMiniCluster.start(() -> configuration(2, MemorySize.ofMebiBytes(2)));

        MiniCluster forJob = keep(early.forJob(configuration(2, null)));

        assertThat(forJob.isRunning()).isFalse();
        assertThat(forJob).isNotSameAs(early.started().get());
        assertClosedInTime(early.started().get());
    }

    @Test
    void aDiscardedClusterClosesOnceStarted() throws Exception {
        EarlyMiniCluster early = EarlyMiniCluster.start(() -> configuration(2, null));

        early.discard();

        assertClosedInTime(early.started().get(WAIT.toSeconds(), TimeUnit.SECONDS));
    }

    @Test
    void aFailedEarlyStartLeavesTheJobANewCluster() {
        EarlyMiniCluster early = EarlyMiniCluster.start(() -> {
            throw new IllegalStateException("the job's graph cannot be built before the preflight");
        });

        MiniCluster forJob = keep(early.forJob(configuration(2, null)));

        assertThat(forJob.isRunning()).isFalse();
        assertThat(early.started()).isCompletedExceptionally();
    }

    private MiniCluster keep(MiniCluster cluster) {
        clusters.add(cluster);
        return cluster;
    }

    private static void assertClosedInTime(MiniCluster cluster) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (cluster.isRunning() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(cluster.isRunning()).as("the early cluster closed within " + WAIT).isFalse();
    }

    private static MiniClusterConfiguration configuration(int parallelism, MemorySize networkMemory) {
        Configuration conf = new Configuration();
        conf.set(CoreOptions.DEFAULT_PARALLELISM, parallelism);
        if (networkMemory != null) {
            conf.set(TaskManagerOptions.NETWORK_MEMORY_MIN, networkMemory);
            conf.set(TaskManagerOptions.NETWORK_MEMORY_MAX, networkMemory);
        }
        return MiniClusterRunner.clusterConfiguration(conf);
    }
}
