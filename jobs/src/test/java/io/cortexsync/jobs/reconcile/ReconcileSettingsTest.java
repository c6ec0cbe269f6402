package io.cortexsync.jobs.reconcile;

import io.cortexsync.connector.qdrant.QdrantOptions;
import io.cortexsync.jobs.common.JobConfigurations;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.IllegalConfigurationException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReconcileSettingsTest {

    @Test
    void partitionsAndLeavesBecomeBits() {
        ReconcileSettings settings = ReconcileSettings.from(valid());
        assertThat(settings.partitionBits()).isEqualTo(8);
        assertThat(settings.leafBits()).isEqualTo(8);
        assertThat(settings.leavesPerPartition()).isEqualTo(256);
        assertThat(settings.repair()).isFalse();
    }

    @Test
    void eachWrongValueNamesItsKey() {
        Configuration notPowerOfTwo = valid();
        notPowerOfTwo.set(ReconcileJobOptions.PARTITIONS, 100);
        assertThatThrownBy(() -> ReconcileSettings.from(notPowerOfTwo))
                .isInstanceOf(IllegalConfigurationException.class).hasMessageStartingWith("reconcile.partitions");
        Configuration fewerLeaves = valid();
        fewerLeaves.set(ReconcileJobOptions.LEAVES, 128);
        assertThatThrownBy(() -> ReconcileSettings.from(fewerLeaves)).hasMessageStartingWith("reconcile.leaves");
        Configuration tooManyLeaves = valid();
        tooManyLeaves.set(ReconcileJobOptions.LEAVES, 1 << 25);
        assertThatThrownBy(() -> ReconcileSettings.from(tooManyLeaves)).hasMessageStartingWith("reconcile.leaves");
        Configuration noFindings = valid();
        noFindings.removeConfig(ReconcileJobOptions.FINDINGS_DIR);
        assertThatThrownBy(() -> ReconcileSettings.from(noFindings))
                .hasMessageStartingWith("'reconcile.findings.dir' is required: Directory of the repair-record part files");
        Configuration noSize = valid();
        noSize.removeConfig(QdrantOptions.COLLECTION_VECTOR_SIZE);
        assertThatThrownBy(() -> ReconcileSettings.from(noSize)).hasMessageContaining(QdrantOptions.COLLECTION_VECTOR_SIZE.key());
    }

    private static Configuration valid() {
        return JobConfigurations.validForEveryJob();
    }
}
