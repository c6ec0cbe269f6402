package io.cortexsync.cli.run;

import org.apache.flink.annotation.Internal;
import org.apache.flink.client.deployment.executors.LocalExecutor;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.DeploymentOptions;
import org.apache.flink.core.execution.PipelineExecutor;
import org.apache.flink.core.execution.PipelineExecutorFactory;
import org.apache.flink.core.execution.PipelineExecutorServiceLoader;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;

import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The executors of a local environment whose MiniCluster comes from {@code clusters}: Flink's own
 * {@link LocalExecutor} (graph, submission, the job client that shuts the cluster down with the
 * job), given the cluster instead of making one, and the cluster's settings that depend on the
 * job's graph ({@link #clusterSettings}).
 */
@Internal
final class LocalExecutorOnCluster implements PipelineExecutorServiceLoader {

    private final Function<MiniClusterConfiguration, MiniCluster> clusters;
    private final Configuration clusterSettings = new Configuration();

    LocalExecutorOnCluster(Function<MiniClusterConfiguration, MiniCluster> clusters) {
        this.clusters = clusters;
    }

    /** Adds {@code settings} to the configuration the cluster is asked for; before the job is executed. */
    void clusterSettings(Configuration settings) {
        clusterSettings.addAll(settings);
    }

    @Override
    public PipelineExecutorFactory getExecutorFactory(Configuration configuration) {
        if (!LocalExecutor.NAME.equals(configuration.get(DeploymentOptions.TARGET))) {
            throw new IllegalStateException("a local run's environment has " + DeploymentOptions.TARGET.key() + " "
                    + LocalExecutor.NAME + ", not " + configuration.get(DeploymentOptions.TARGET));
        }
        return new PipelineExecutorFactory() {
            @Override
            public String getName() {
                return LocalExecutor.NAME;
            }

            @Override
            public boolean isCompatibleWith(Configuration config) {
                return LocalExecutor.NAME.equals(config.get(DeploymentOptions.TARGET));
            }

            @Override
            public PipelineExecutor getExecutor(Configuration config) {
                Configuration withSettings = new Configuration(config);
                withSettings.addAll(clusterSettings);
                return LocalExecutor.createWithFactory(withSettings, clusters);
            }
        };
    }

    @Override
    public Stream<String> getExecutorNames() {
        return Stream.of(LocalExecutor.NAME);
    }
}
