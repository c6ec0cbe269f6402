package io.cortexsync.jobs.events;

import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@code kafka.*} pass-through and the masking of secrets in what may be printed. */
class KafkaClientPropertiesTest {

    private static final String JAAS =
            "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"svc\" password=\"s3cr3t-jaas\";";

    @Test
    void collectsTheKafkaKeysWithoutTheirPrefix() {
        Configuration conf = Configuration.fromMap(Map.of(
                "kafka.bootstrap.servers", "b1:9092,b2:9092",
                "kafka.security.protocol", "SASL_SSL",
                "kafka.sasl.jaas.config", JAAS,
                "sync.events.topic", "events",
                "surrealdb.password", "not-kafka"));

        Properties properties = KafkaClientProperties.of(conf);

        assertThat(properties).containsOnlyKeys("bootstrap.servers", "security.protocol", "sasl.jaas.config");
        assertThat(properties.getProperty("sasl.jaas.config")).isEqualTo(JAAS);
    }

    @Test
    void redactedShowsEverySettingButNoSecret() {
        Map<String, String> settings = Map.of(
                "bootstrap.servers", "b1:9092",
                "sasl.jaas.config", JAAS,
                "ssl.truststore.password", "trust-pw",
                "ssl.key.password", "key-pw",
                "sasl.oauthbearer.client.credentials.client.secret", "oauth-secret",
                "compression.type", "zstd");

        String shown = KafkaClientProperties.redacted(settings);

        assertThat(shown).contains("bootstrap.servers=b1:9092", "compression.type=zstd", "sasl.jaas.config=******",
                "ssl.truststore.password=******");
        assertThat(shown).doesNotContain("s3cr3t-jaas", "trust-pw", "key-pw", "oauth-secret");
    }

    @Test
    void scrubMasksSecretValuesAndJaasCredentialsInAnyText() {
        Map<String, String> settings = Map.of("ssl.truststore.password", "trust-pw", "sasl.jaas.config", JAAS);
        String message = "Failed to load SSL keystore of type JKS with password trust-pw; JAAS config entry "
                + "'password=\"other-pw\"' and " + JAAS;

        String scrubbed = KafkaClientProperties.scrub(message, settings);

        assertThat(scrubbed).doesNotContain("trust-pw", "other-pw", "s3cr3t-jaas").contains("Failed to load SSL keystore");
    }
}
