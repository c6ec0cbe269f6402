package io.cortexsync.jobs.migrate;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.IllegalConfigurationException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the job main reads from its arguments; a key that is missing or wrong is named. */
class MigrationSettingsTest {

    private static Map<String, String> complete() {
        Map<String, String> keys = new HashMap<>();
        keys.put("surrealdb.url", "http://127.0.0.1:8000");
        keys.put("surrealdb.namespace", "app");
        keys.put("surrealdb.database", "main");
        keys.put("surrealdb.auth.mode", "NONE");
        keys.put("surrealdb.source.tables", "docs;notes");
        keys.put("qdrant.host", "127.0.0.1");
        keys.put("qdrant.collection", "docs");
        keys.put("qdrant.collection.vector-size", "8");
        keys.put("sync.dead-letter.dir", "/tmp/dead.parts");
        return keys;
    }

    @Test
    void readsTheConnectorsAndTheJobsKeys() {
        MigrationSettings settings = MigrationSettings.from(Configuration.fromMap(complete()));

        assertThat(settings.tables()).containsExactly("docs", "notes");
        assertThat(settings.dimension()).isEqualTo(8);
        assertThat(settings.vectorField()).isEqualTo("vector");
        assertThat(settings.batchSize()).isPositive();
        assertThat(settings.dryRun()).isFalse();
        assertThat(settings.deadLetterDir()).isEqualTo(Path.of("/tmp/dead.parts"));
        assertThat(settings.surreal().namespace()).isEqualTo("app");
    }

    @Test
    void aMissingOrWrongKeyIsNamed() {
        for (String key : List.of("surrealdb.source.tables", "qdrant.collection", "qdrant.collection.vector-size",
                "sync.dead-letter.dir", "surrealdb.namespace", "qdrant.host")) {
            Map<String, String> keys = complete();
            keys.remove(key);
            assertThatThrownBy(() -> MigrationSettings.from(Configuration.fromMap(keys)))
                    .as(key).isInstanceOf(IllegalConfigurationException.class).hasMessageContaining(key);
        }
        Map<String, String> keys = complete();
        keys.put("qdrant.collection.vector-size", "0");
        assertThatThrownBy(() -> MigrationSettings.from(Configuration.fromMap(keys)))
                .isInstanceOf(IllegalConfigurationException.class).hasMessageContaining("qdrant.collection.vector-size");
    }
}
