package io.cortexsync.connector.dualwrite.client;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class ClientPropertiesTest {

    private final ClientProperties props = new ClientProperties("broker:9092", Map.of(
            "security.protocol", "SASL_SSL",
            "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"app\" password=\"hunter2\";",
            "ssl.truststore.password", "changeit",
            "compression.type", "zstd"));

    @Test
    void theProducerIsIdempotentAndWaitsForEveryReplica() {
        Properties producer = props.producer();

        assertThat(producer).containsEntry("bootstrap.servers", "broker:9092")
                .containsEntry("acks", "all")
                .containsEntry("enable.idempotence", "true")
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("compression.type", "zstd")
                .doesNotContainKey("transactional.id");
    }

    @Test
    void theConsumerReadsCommittedEventsWithoutAGroupAndCreatesNoTopic() {
        Properties consumer = props.consumer();

        assertThat(consumer).containsEntry("bootstrap.servers", "broker:9092")
                .containsEntry("isolation.level", "read_committed")
                .containsEntry("enable.auto.commit", "false")
                .containsEntry("allow.auto.create.topics", "false")
                .containsEntry("security.protocol", "SASL_SSL")
                .doesNotContainKey("group.id");
    }

    @Test
    void secretValuesAreMasked() {
        String shown = props.redacted();

        assertThat(shown).doesNotContain("hunter2").doesNotContain("changeit")
                .contains("sasl.jaas.config=******", "ssl.truststore.password=******", "security.protocol=SASL_SSL",
                        "compression.type=zstd");
    }

    @Test
    void settingsTheGuaranteesRestOnAreRefused() {
        assertThat(ClientProperties.refusal("acks", "1")).contains("acks=all");
        assertThat(ClientProperties.refusal("acks", "all")).isNull();
        assertThat(ClientProperties.refusal("acks", "-1")).isNull();
        assertThat(ClientProperties.refusal("enable.idempotence", "false")).contains("idempotent");
        assertThat(ClientProperties.refusal("enable.idempotence", "TRUE")).isNull();
        assertThat(ClientProperties.refusal("isolation.level", "read_uncommitted")).contains("read_committed");
        assertThat(ClientProperties.refusal("transactional.id", "x")).contains("not transactional");
        assertThat(ClientProperties.refusal("bootstrap.servers", "x")).contains("setBootstrapServers");
        assertThat(ClientProperties.refusal("value.serializer", "x")).contains("JSON");
        assertThat(ClientProperties.refusal("key.deserializer", "x")).contains("JSON");
        assertThat(ClientProperties.refusal("linger.ms", "5")).isNull();
    }
}
