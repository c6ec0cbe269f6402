package io.cortexsync.connector.dualwrite.client;

import io.cortexsync.testkit.net.FreePorts;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DualWriteClientBuilderTest {

    private static DualWriteClientBuilder valid() {
        return DualWriteClient.builder().setBootstrapServers("broker:9092").setInputTopic("changes").setEventsTopic("events");
    }

    @Test
    void validSettingsPass() {
        assertThatCode(() -> valid().setKafkaProperty("acks", "all").setDefaultTimeout(Duration.ofSeconds(1)).check())
                .doesNotThrowAnyException();
    }

    @Test
    void eachCheckNamesTheSetterToFix() {
        assertFails(DualWriteClient.builder().setInputTopic("changes").setEventsTopic("events"),
                "DualWriteClient: setBootstrapServers(null): required");
        assertFails(valid().setInputTopic(null), "DualWriteClient: setInputTopic(null): required");
        assertFails(valid().setInputTopic("bad topic"), "setInputTopic(bad topic): required, 1 to 249 of");
        assertFails(valid().setEventsTopic(""), "setEventsTopic(): required");
        assertFails(valid().setEventsTopic("changes"), "setEventsTopic(changes): must differ from the input topic");
        assertFails(valid().setDefaultTimeout(Duration.ZERO), "setDefaultTimeout(PT0S): must be a positive duration");
        assertFails(valid().setDefaultTimeout(null), "setDefaultTimeout(null)");
        assertFails(valid().setMaxPendingRequests(0), "setMaxPendingRequests(0): must be within [1, 10000000]");
        assertFails(valid().setKafkaProperty("acks", "1"), "setKafkaProperty(acks, ...): the client needs acks=all");
        assertFails(valid().setKafkaProperty(" ", "x"), "setKafkaProperty( , ...): the name must not be blank");
        assertFails(valid().setKafkaProperty("linger.ms", null), "setKafkaProperty(linger.ms, null)");
    }

    @Test
    void aRefusedValueIsNotQuoted() {
        assertThatThrownBy(() -> valid().setKafkaProperty("transactional.id", "s3cret-looking").check())
                .hasMessageNotContaining("s3cret-looking")
                .hasMessageContaining("setKafkaProperty(transactional.id, ...)");
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void anUnreachableBrokerFailsTheStartAfterTheDefaultTimeout() {
        String nobody = "127.0.0.1:" + FreePorts.distinct(1, Set.of()).get(0);

        assertThatThrownBy(() -> valid().setBootstrapServers(nobody).setDefaultTimeout(Duration.ofSeconds(2)).build())
                .isInstanceOf(DualWriteClientException.class)
                .hasMessageStartingWith("DualWriteClient could not start against " + nobody + ": ")
                .hasCauseInstanceOf(org.apache.kafka.common.errors.TimeoutException.class);
    }

    @Test
    void theDescriptionMasksSecretValues() {
        DualWriteClientBuilder builder = valid()
                .setKafkaProperty("sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required"
                        + " username=\"app\" password=\"hunter2\";")
                .setKafkaProperty("security.protocol", "SASL_SSL");

        String description = builder.describe(builder.kafkaProperties());

        assertThat(description).doesNotContain("hunter2")
                .contains("bootstrap servers broker:9092", "input topic changes", "events topic events",
                        "sasl.jaas.config=******", "security.protocol=SASL_SSL");
    }

    private static void assertFails(DualWriteClientBuilder builder, String message) {
        assertThatThrownBy(builder::check).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }
}
