package io.cortexsync.cli.run;

import org.apache.flink.annotation.Internal;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * A local run's MiniCluster, started on a thread of its own while the command checks the stores.
 *
 * <p>A MiniCluster takes about a second to start (Pekko's actor systems, the dispatcher and the
 * resource manager, the TaskManager's network buffers), and the preflight that comes before the
 * job waits on the stores' answers most of that time: on two cores the two overlap. Flink's local
 * executor asks for its cluster only when the job is submitted ({@link #forJob}); it gets this one
 * when it has the task managers, slots and network memory the job needs, else a new one as it
 * always did, and this one is closed.
 */
@Internal
final class EarlyMiniCluster {

    private static final Logger LOG = LoggerFactory.getLogger(EarlyMiniCluster.class);

    private final Supplier<MiniClusterConfiguration> configurationSupplier;
    private final CompletableFuture<StartedMiniCluster> started = new CompletableFuture<>();
    private volatile MiniClusterConfiguration configuration;
    private boolean handedOver;

    private EarlyMiniCluster(Supplier<MiniClusterConfiguration> configuration) {
        this.configurationSupplier = configuration;
    }

    /** Starts a MiniCluster of the configuration {@code configuration} gives on a daemon thread; returns at once. */
    static EarlyMiniCluster start(Supplier<MiniClusterConfiguration> configuration) {
        EarlyMiniCluster early = new EarlyMiniCluster(configuration);
        Thread starter = new Thread(early::startNow, "cortex-sync-minicluster-start");
        starter.setDaemon(true);
        starter.start();
        return early;
    }

    private void startNow() {
        try {
            configuration = configurationSupplier.get();
            StartedMiniCluster cluster = new StartedMiniCluster(configuration);
            cluster.start();
            started.complete(cluster);
        } catch (Throwable t) {
            // Flink's own start of a new cluster at submission reports what is wrong
            LOG.debug("the early start of the MiniCluster failed; the job's submission starts one", t);
            started.completeExceptionally(t);
        }
    }

    /**
     * The cluster for a job that asks for {@code requested}: this one, once started, when it has
     * as many task managers, at least as many slots each and the same network memory; otherwise a
     * new, unstarted one, and this one is closed. Called once, by Flink's local executor on the
     * submitting thread.
     */
    synchronized MiniCluster forJob(MiniClusterConfiguration requested) {
        handedOver = true;
        StartedMiniCluster cluster;
        try {
            cluster = started.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            discardWhenStarted();
            return new MiniCluster(requested);
        } catch (ExecutionException e) {
            return new MiniCluster(requested);
        }
        if (suits(requested)) {
            return cluster;
        }
        LOG.info("the MiniCluster started early ({} task manager(s) of {} slot(s), network memory {}) does not suit the job"
                + " ({} of {}, {}): starting another", configuration.getNumTaskManagers(), slots(configuration),
                networkMemory(configuration), requested.getNumTaskManagers(), slots(requested), networkMemory(requested));
        cluster.closeAsync();
        return new MiniCluster(requested);
    }

    private boolean suits(MiniClusterConfiguration requested) {
        return requested.getNumTaskManagers() == configuration.getNumTaskManagers()
                && requested.getRpcServiceSharing() == configuration.getRpcServiceSharing()
                && slots(requested) <= slots(configuration)
                && LocalNetworkMemory.sameSettings(requested.getConfiguration(), configuration.getConfiguration());
    }

    private static String networkMemory(MiniClusterConfiguration configuration) {
        return configuration.getConfiguration().getOptional(TaskManagerOptions.NETWORK_MEMORY_MAX)
                .map(Object::toString).orElse("Flink's default");
    }

    private static int slots(MiniClusterConfiguration configuration) {
        return configuration.getConfiguration().get(TaskManagerOptions.NUM_TASK_SLOTS);
    }

    /** The cluster once started; fails as its start failed. */
    CompletableFuture<? extends MiniCluster> started() {
        return started;
    }

    /** Closes the cluster once its start has ended, unless a job has it; returns at once. */
    synchronized void discard() {
        if (!handedOver) {
            handedOver = true;
            discardWhenStarted();
        }
    }

    private void discardWhenStarted() {
        started.thenAccept(MiniCluster::closeAsync);
    }

    /** A MiniCluster whose second start, the local executor's, finds it running. */
    private static final class StartedMiniCluster extends MiniCluster {

        private boolean running;

        StartedMiniCluster(MiniClusterConfiguration configuration) {
            super(configuration);
        }

        @Override
        public synchronized void start() throws Exception {
            if (!running) {
                super.start();
                running = true;
            }
        }
    }
}
