package io.cortexsync.cli.run;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.ResourceManagerOptions;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** A local run's cluster handles slot requests at once, unless its configuration says otherwise. */
class LocalClusterTimersTest {

    @Test
    void aLocalRunHasNoBatchingDelays() {
        Configuration conf = new Configuration();

        LocalClusterTimers.apply(conf);

        assertThat(conf.get(JobManagerOptions.SLOT_REQUEST_MAX_INTERVAL)).isZero();
        assertThat(conf.get(ResourceManagerOptions.REQUIREMENTS_CHECK_DELAY)).isZero();
        assertThat(conf.get(ResourceManagerOptions.DECLARE_NEEDED_RESOURCE_DELAY)).isZero();
        assertThat(new Configuration().get(ResourceManagerOptions.REQUIREMENTS_CHECK_DELAY))
                .as("Flink's default, which a cluster keeps").isPositive();
    }

    @Test
    void aDelayTheConfigurationSetsIsKept() {
        Configuration conf = new Configuration();
        conf.set(ResourceManagerOptions.REQUIREMENTS_CHECK_DELAY, Duration.ofMillis(70));

        LocalClusterTimers.apply(conf);

        assertThat(conf.get(ResourceManagerOptions.REQUIREMENTS_CHECK_DELAY)).isEqualTo(Duration.ofMillis(70));
        assertThat(conf.get(JobManagerOptions.SLOT_REQUEST_MAX_INTERVAL)).isZero();
    }
}
