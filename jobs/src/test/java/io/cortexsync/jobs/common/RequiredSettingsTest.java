package io.cortexsync.jobs.common;

import io.cortexsync.connector.qdrant.QdrantOptions;
import io.cortexsync.connector.surrealdb.SurrealOptions;
import io.cortexsync.jobs.cdc.CdcSettings;
import io.cortexsync.jobs.dualwrite.DualWriteJobSettings;
import io.cortexsync.jobs.migrate.MigrationSettings;
import io.cortexsync.jobs.reconcile.ReconcileSettings;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.IllegalConfigurationException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every job's settings read the settings all of them need alike, and name the key at fault. */
class RequiredSettingsTest {

    private static final Map<String, Function<Configuration, ?>> JOBS = Map.of(
            "migrate", MigrationSettings::from,
            "cdc", CdcSettings::from,
            "dual-write", DualWriteJobSettings::from,
            "reconcile", ReconcileSettings::from);

    @Test
    void aValidConfigurationIsReadByEveryJob() {
        JOBS.forEach((job, settings) -> assertThat(settings.apply(valid())).as(job).isNotNull());
        assertThat(RequiredSettings.tables(valid())).containsExactly("docs", "notes");
        assertThat(RequiredSettings.dimension(valid())).isEqualTo(8);
        assertThat(RequiredSettings.collection(valid())).isEqualTo("docs");
    }

    @Test
    void eachJobNamesTheKeyOfAMissingOrWrongSetting() {
        expect(conf -> conf.removeConfig(SurrealOptions.SOURCE_TABLES), "'" + SurrealOptions.SOURCE_TABLES.key() + "' is required");
        expect(conf -> conf.set(SurrealOptions.SOURCE_TABLES, List.of()), "'" + SurrealOptions.SOURCE_TABLES.key() + "' is required");
        expect(conf -> conf.removeConfig(QdrantOptions.COLLECTION_VECTOR_SIZE),
                "'" + QdrantOptions.COLLECTION_VECTOR_SIZE.key() + "' is required");
        expect(conf -> conf.set(QdrantOptions.COLLECTION_VECTOR_SIZE, 0),
                QdrantOptions.COLLECTION_VECTOR_SIZE.key() + ": 0 is no vector size");
        expect(conf -> conf.removeConfig(QdrantOptions.COLLECTION), "'" + QdrantOptions.COLLECTION.key() + "' is required");
    }

    @Test
    void theBatchSizeIsAtLeastOne() {
        Configuration conf = valid();
        conf.set(QdrantOptions.SINK_BATCH_SIZE, 0);
        for (Function<Configuration, ?> settings : List.<Function<Configuration, ?>>of(MigrationSettings::from, CdcSettings::from)) {
            assertThatThrownBy(() -> settings.apply(conf)).isInstanceOf(IllegalConfigurationException.class)
                    .hasMessage(QdrantOptions.SINK_BATCH_SIZE.key() + ": 0 is out of range (1..)");
        }
    }

    private static void expect(Consumer<Configuration> change, String messageStart) {
        JOBS.forEach((job, settings) -> {
            Configuration conf = valid();
            change.accept(conf);
            assertThatThrownBy(() -> settings.apply(conf)).as(job)
                    .isInstanceOf(IllegalConfigurationException.class).hasMessageStartingWith(messageStart);
        });
    }

    private static Configuration valid() {
        return JobConfigurations.validForEveryJob();
    }
}
