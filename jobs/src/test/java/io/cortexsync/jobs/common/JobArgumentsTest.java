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
                "kafka.bootstrap.servers", "broker:9092",
                "kafka.sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"u\" password=\"p\";",
                "sync.events.topic", "events",
                "sync.kafka.delivery-guarantee", "EXACTLY_ONCE",
                "parallelism.default", "3"));

        assertThat(JobEnvironment.flinkKeysOf(conf).toMap()).containsOnlyKeys("parallelism.default");
    }

    @Test
    void kafkaSettingsWithQuotesSpacesAndSemicolonsSurviveTheArguments() {
        Configuration conf = Configuration.fromMap(Map.of(
                "kafka.sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"svc\" password=\"p w;d\";",
                "kafka.ssl.truststore.location", "/etc/kafka/trust store.jks",
                "sync.events.topic", "cortex.events"));

        assertThat(JobArguments.parse(JobArguments.render(conf).toArray(new String[0])).toMap()).isEqualTo(conf.toMap());
    }
}
