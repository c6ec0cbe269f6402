package io.cortexsync.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cluster configuration and the compose file are read by Flink's own parser and a YAML
 * parser, so a misspelled key or a missing service fails here rather than on a user's cluster.
 */
class DeploymentFilesTest {

    private static final Path PROJECT = ProjectDirs.projectDir();

    @Test
    void flinkConfigUsesRocksDbWithRetainedIncrementalCheckpoints() {
        Configuration conf =
                GlobalConfiguration.loadConfiguration(PROJECT.resolve("flink-conf").toString());

        assertThat(conf.get(StateBackendOptions.STATE_BACKEND)).isEqualTo("rocksdb");
        assertThat(conf.get(CheckpointingOptions.INCREMENTAL_CHECKPOINTS)).isTrue();
        assertThat(conf.get(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION))
                .isEqualTo(ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        assertThat(conf.get(CheckpointingOptions.CHECKPOINTS_DIRECTORY)).startsWith("file:///");
        assertThat(conf.get(RestartStrategyOptions.RESTART_STRATEGY)).isEqualTo("exponential-delay");
        assertThat(conf.get(TaskManagerOptions.NUM_TASK_SLOTS)).isEqualTo(2);
    }

    @Test
    void composeRunsTheRealStoresAndAFlinkSessionCluster() throws Exception {
        JsonNode services =
                new ObjectMapper(new YAMLFactory())
                        .readTree(PROJECT.resolve("docker-compose.yml").toFile())
                        .get("services");

        JsonNode surreal = services.get("surrealdb");
        assertThat(surreal.get("image").asText()).isEqualTo("surrealdb/surrealdb:v3.0.2");
        assertThat(texts(surreal.get("command")))
                .containsSubsequence("--user", "root", "--pass", "root")
                .anyMatch(arg -> arg.startsWith("rocksdb:"));
        assertThat(surreal.has("healthcheck")).isTrue();

        JsonNode qdrant = services.get("qdrant");
        assertThat(qdrant.get("image").asText()).startsWith("qdrant/qdrant");
        assertThat(texts(qdrant.get("ports"))).anyMatch(p -> p.endsWith(":6333")).anyMatch(p -> p.endsWith(":6334"));
        assertThat(qdrant.get("volumes")).isNotEmpty();

        JsonNode kafka = services.get("kafka").get("environment");
        assertThat(kafka.get("KAFKA_PROCESS_ROLES").asText()).isEqualTo("broker,controller");

        for (String flinkService : List.of("jobmanager", "taskmanager")) {
            JsonNode service = services.get(flinkService);
            assertThat(service.get("image").asText()).startsWith("flink:2.2");
            assertThat(texts(service.get("volumes"))).anyMatch(v -> v.startsWith("./flink-conf/config.yaml:"));
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
