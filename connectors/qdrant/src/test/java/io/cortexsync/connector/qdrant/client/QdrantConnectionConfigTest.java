package io.cortexsync.connector.qdrant.client;

import io.cortexsync.connector.qdrant.QdrantOptions;

import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QdrantConnectionConfigTest {

    @Test
    void readsTheOptionsAndHidesTheApiKey() {
        Configuration conf = new Configuration();
        conf.set(QdrantOptions.HOST, "qdrant.example");
        conf.set(QdrantOptions.API_KEY, "top-secret");
        conf.set(QdrantOptions.TLS, true);
        QdrantConnectionConfig config = QdrantOptions.connectionConfig(conf);
        assertThat(config.port()).isEqualTo(6334);
        assertThat(config.apiKey()).contains("top-secret");
        assertThat(config.toString()).contains("qdrant.example").doesNotContain("top-secret");
    }

    @Test
    void badSettingsNameTheirOption() {
        assertThatThrownBy(() -> QdrantOptions.connectionConfig(new Configuration()))
                .hasMessageContaining("qdrant.host");
        assertThatThrownBy(() -> QdrantConnectionConfig.builder().host("h").port(70000).build())
                .hasMessageContaining("qdrant.port");
        assertThatThrownBy(() -> QdrantConnectionConfig.builder().host("h").trustCertificatePath("ca.pem").build())
                .hasMessageContaining("qdrant.tls");
    }
}
