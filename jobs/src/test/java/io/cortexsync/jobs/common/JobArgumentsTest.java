package io.cortexsync.jobs.common;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.IllegalConfigurationException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JobArgumentsTest {

    @Test
    void rendersAndParsesBackTheSameConfiguration() {
        Configuration conf = Configuration.fromMap(Map.of(
                "surrealdb.url", "http://db:8000",
                "surrealdb.source.tables", "a;b",
                "qdrant.api-key", "--looks-like-a-flag",
                "execution.checkpointing.interval", "10 s"));
        List<String> args = JobArguments.render(conf);

        assertThat(args).startsWith("--execution.checkpointing.interval", "10 s");
        assertThat(JobArguments.parse(args.toArray(new String[0])).toMap()).isEqualTo(conf.toMap());
    }

    @Test
    void aStrayArgumentIsNamed() {
        assertThatThrownBy(() -> JobArguments.parse(new String[] {"surrealdb.url", "x"}))
                .isInstanceOf(IllegalConfigurationException.class)
                .hasMessageContaining("'surrealdb.url'");
        assertThatThrownBy(() -> JobArguments.parse(new String[] {"--qdrant.host"}))
                .isInstanceOf(IllegalConfigurationException.class)
                .hasMessageContaining("'--qdrant.host' has no value");
    }

    @Test
    void onlyFlinksOwnKeysReachTheEnvironment() {
        Configuration conf = Configuration.fromMap(Map.of(
                "surrealdb.password", "secret",
                "qdrant.api-key", "key",
                "sync.dead-letter.dir", "/tmp/x",
                "migrate.dry-run", "true",
                "parallelism.default", "3"));

        assertThat(JobEnvironment.flinkKeysOf(conf).toMap()).containsOnlyKeys("parallelism.default");
    }
}
