package io.cortexsync.connector.surrealdb.client;

import io.cortexsync.testkit.surrealdb.SurrealEndpoint;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLHandshakeException;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** https through a TLS front with a certificate made for the test: trusted only via the trust store. */
@Timeout(120)
class SurrealTlsITCase {

    private static final String STORE_PASSWORD = "changeit-key";
    private static final String TRUST_PASSWORD = "changeit-trust";

    @TempDir
    static Path dir;

    private static SurrealEndpoint server;
    private static TlsTerminatingProxy tls;
    private static Path trustStore;

    @BeforeAll
    static void start() throws Exception {
        Path keyStore = dir.resolve("server.p12");
        Path certificate = dir.resolve("server.cer");
        trustStore = dir.resolve("trust.p12");
        keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2",
                "-storetype", "PKCS12", "-keystore", keyStore.toString(), "-storepass", STORE_PASSWORD);
        keytool("-exportcert", "-alias", "server", "-keystore", keyStore.toString(), "-storepass", STORE_PASSWORD,
                "-file", certificate.toString());
        keytool("-importcert", "-noprompt", "-alias", "server", "-file", certificate.toString(),
                "-storetype", "PKCS12", "-keystore", trustStore.toString(), "-storepass", TRUST_PASSWORD);

        server = SurrealTestEngine.endpoint("tls");
        tls = TlsTerminatingProxy.start(keyStore, STORE_PASSWORD, TestSurreal.host(server), TestSurreal.port(server));
    }

    @AfterAll
    static void stop() throws Exception {
        if (tls != null) {
            tls.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void httpsWithTheTrustStoreWorks() {
        SurrealConnectionConfig config = TestSurreal.config(server, httpsUrl(), "tls_it")
                .trustStore(trustStore.toString(), TRUST_PASSWORD, "PKCS12")
                .build();
        try (SurrealClient client = SurrealClient.create(config)) {
            client.upsert(SurrealRecordId.of("tls_t", 1), Map.of("over", "tls"));
            assertThat(client.select(SurrealRecordId.of("tls_t", 1)).orElseThrow()).containsEntry("over", "tls");
            assertThat(client.version()).startsWith("surrealdb-");
        }
    }

    @Test
    void aTlsConnectionIdleForLongerThanASecondIsCheckedAndUsedAgain() throws Exception {
        try (SurrealClient client = SurrealClient.create(trusting())) {
            assertThat(client.version()).startsWith("surrealdb-");
            int opened = tls.acceptedConnections();
            // past the idle second after which the client checks a TLS connection before using it
            Thread.sleep(1_200);
            assertThat(client.query("RETURN 1", Map.of()).get(0).result()).isEqualTo(1L);
            assertThat(client.version()).startsWith("surrealdb-");
            assertThat(tls.acceptedConnections()).isEqualTo(opened);
        }
    }

    @Test
    void aTlsConnectionTheServerClosedWhileIdleIsNotUsedAgain() throws Exception {
        try (SurrealClient client = SurrealClient.create(trusting())) {
            assertThat(client.version()).startsWith("surrealdb-");
            int opened = tls.acceptedConnections();
            tls.dropConnections();
            Thread.sleep(1_200);
            // not idempotent: sent into the closed connection it would fail, not be retried
            assertThat(client.query("RETURN 1", Map.of()).get(0).result()).isEqualTo(1L);
            assertThat(client.metrics().retries()).isZero();
            assertThat(tls.acceptedConnections()).isEqualTo(opened + 1);
        }
    }

    @Test
    void httpsWithoutTheTrustStoreFailsWithATlsErrorAndNoRetries() {
        SurrealConnectionConfig config = TestSurreal.config(server, httpsUrl(), "tls_it").build();
        try (SurrealClient client = SurrealClient.create(config)) {
            assertThatThrownBy(() -> client.select(SurrealRecordId.of("tls_t", 1)))
                    .isInstanceOfSatisfying(SurrealTransportException.class, e -> assertThat(e.isRetryable()).isFalse())
                    .hasMessageContaining("TLS")
                    .hasRootCauseInstanceOf(java.security.cert.CertPathBuilderException.class)
                    .hasCauseInstanceOf(SSLHandshakeException.class);
            assertThat(client.metrics().retries()).isZero();
        }
    }

    @Test
    void aWrongTrustStorePasswordIsNamedWithoutThePassword() {
        SurrealConnectionConfig config = TestSurreal.config(server, httpsUrl(), "tls_it")
                .trustStore(trustStore.toString(), "not-the-password", "PKCS12")
                .build();
        assertThatThrownBy(() -> SurrealClient.create(config))
                .hasMessageContaining(trustStore.toString())
                .hasMessageNotContaining("not-the-password");
    }

    private static SurrealConnectionConfig trusting() {
        return TestSurreal.config(server, httpsUrl(), "tls_it").trustStore(trustStore.toString(), TRUST_PASSWORD, "PKCS12").build();
    }

    private static String httpsUrl() {
        return "https://127.0.0.1:" + tls.port();
    }

    private static void keytool(String... args) throws Exception {
        Path keytool = Paths.get(System.getProperty("java.home"), "bin", "keytool");
        List<String> command = new java.util.ArrayList<>(List.of(keytool.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("keytool %s: %s", args[0], output).isZero();
    }
}
