package io.cortexsync.connector.surrealdb.client;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SurrealConnectionConfigTest {

    private static SurrealConnectionConfig.Builder valid() {
        return SurrealConnectionConfig.builder().url("http://127.0.0.1:8000/rpc").namespace("ns").database("db");
    }

    @Test
    void defaultsAndNormalizedUrl() {
        SurrealConnectionConfig config = valid().build();
        assertThat(config.url()).isEqualTo("http://127.0.0.1:8000");
        assertThat(config.authMode()).isEqualTo(SurrealConnectionConfig.AuthMode.NONE);
        assertThat(config.maxRequestBytes()).isEqualTo(4 * 1024 * 1024);
        assertThat(config.retryMaxAttempts()).isEqualTo(5);
    }

    @Test
    void buildNamesTheSettingToFix() {
        assertThatThrownBy(() -> valid().url("ws://x:8000").build()).hasMessageContaining("url(ws://x:8000)");
        assertThatThrownBy(() -> valid().url(null).build()).hasMessageContaining("url(...)");
        assertThatThrownBy(() -> valid().namespace(" ").build()).hasMessageContaining("namespace(...)");
        assertThatThrownBy(() -> valid().database(null).build()).hasMessageContaining("database(...)");
        assertThatThrownBy(() -> valid().basicAuth("root", null).build()).hasMessageContaining("basicAuth(user, password)");
        assertThatThrownBy(() -> valid().signin(null, "pw").build()).hasMessageContaining("signin(user, password)");
        assertThatThrownBy(() -> valid().token("").build()).hasMessageContaining("token(...)");
        assertThatThrownBy(() -> valid().trustStore("ts.p12", "pw", "PKCS12").build())
                .hasMessageContaining("trustStore(...)").hasMessageContaining("not https");
        assertThatThrownBy(() -> valid().requestTimeout(Duration.ZERO).build()).hasMessageContaining("requestTimeout(...)");
        assertThatThrownBy(() -> valid().connectTimeout(null).build()).hasMessageContaining("connectTimeout(...)");
        assertThatThrownBy(() -> valid().retry(0, Duration.ofMillis(1), Duration.ofMillis(1)).build())
                .hasMessageContaining("retry(maxAttempts");
        assertThatThrownBy(() -> valid().retry(3, Duration.ofSeconds(2), Duration.ofSeconds(1)).build())
                .hasMessageContaining("maxBackoff");
        assertThatThrownBy(() -> valid().maxRequestBytes(10).build()).hasMessageContaining("maxRequestBytes(10)");
    }

    @Test
    void secretsNeverShowInToString() {
        String basic = valid().basicAuth("root", "hunter2-secret").build().toString();
        assertThat(basic).contains("user=root", "password=****").doesNotContain("hunter2-secret");
        String token = valid().token("eyJ.secret-token.sig").build().toString();
        assertThat(token).contains("token=****").doesNotContain("secret-token");
        String tls = valid().url("https://db:8000").trustStore("/etc/ts.p12", "store-secret", "PKCS12").build().toString();
        assertThat(tls).contains("/etc/ts.p12").doesNotContain("store-secret");
    }

    @Test
    void survivesJavaSerialization() throws Exception {
        SurrealConnectionConfig config = valid().signin("root", "pw").requestTimeout(Duration.ofSeconds(3)).build();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(config);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            SurrealConnectionConfig copy = (SurrealConnectionConfig) in.readObject();
            assertThat(copy.toString()).isEqualTo(config.toString());
            assertThat(copy.password()).contains("pw");
        }
    }
}
