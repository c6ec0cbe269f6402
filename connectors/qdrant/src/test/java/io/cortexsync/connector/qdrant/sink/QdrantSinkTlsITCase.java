package io.cortexsync.connector.qdrant.sink;

import io.cortexsync.connector.qdrant.client.QdrantConnection;
import io.cortexsync.connector.qdrant.client.QdrantConnectionConfig;
import io.cortexsync.connector.qdrant.convert.SyncEntityPointConverter;
import io.cortexsync.schema.model.SyncEntity;
import io.cortexsync.schema.serialization.SchemaTypes;
import io.cortexsync.testkit.qdrant.QdrantTestServer;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The sink over TLS with an API key, against the test server serving a self-signed certificate
 * made with openssl for this run: trusted explicitly it writes; not trusted, or in plain text, it
 * is refused.
 */
@Timeout(60)
class QdrantSinkTlsITCase {

    private static final String KEY = "tls-key";

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static Path dir;
    private static QdrantTestServer qdrant;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("qdrant-tls-");
        Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
                "-keyout", dir.resolve("key.pem").toString(), "-out", dir.resolve("cert.pem").toString(),
                "-days", "1", "-subj", "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost")
                .redirectErrorStream(true)
                .start();
        String output = new String(openssl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(openssl.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(openssl.exitValue()).as("openssl: %s", output).isZero();
        qdrant = QdrantTestServer.builder()
                .port(0)
                .apiKey(KEY)
                .tls(Files.readString(dir.resolve("cert.pem")), Files.readString(dir.resolve("key.pem")))
                .build()
                .start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (qdrant != null) {
            qdrant.close();
        }
        if (dir != null) {
            try (var files = Files.list(dir)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    Files.delete(file);
                }
            }
            Files.delete(dir);
        }
    }

    private static QdrantConnectionConfig.Builder config() {
        return QdrantConnectionConfig.builder().host(qdrant.host()).port(qdrant.port()).apiKey(KEY)
                .requestTimeout(Duration.ofSeconds(10));
    }

    @Test
    void writesOverTlsTrustingTheServersCertificate() throws Exception {
        QdrantConnectionConfig trusted = config().tls(true).trustCertificatePath(dir.resolve("cert.pem").toString()).build();
        SinkTestSupport.createCollection(trusted, "tls", 4);
        List<SyncEntity> entities = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            entities.add(SinkTestSupport.entity("doc", i, 4, 0));
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        env.fromData(entities, SchemaTypes.SYNC_ENTITY)
                .sinkTo(QdrantSink.<SyncEntity>builder()
                        .setConnectionConfig(trusted)
                        .setCollectionName("tls")
                        .setPointConverter(new SyncEntityPointConverter())
                        .build());
        env.execute("tls");
        assertThat(SinkTestSupport.pointsBySurrealId(trusted, "tls")).hasSize(100);
    }

    @Test
    void refusesACertificateItDoesNotTrustAndPlainText() {
        assertThat(callFails(config().tls(true).build())).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(callFails(config().tls(false).build())).isEqualTo(Status.Code.UNAVAILABLE);
    }

    private static Status.Code callFails(QdrantConnectionConfig config) {
        try (QdrantConnection connection = QdrantConnection.open(config)) {
            Throwable[] failure = new Throwable[1];
            assertThatThrownBy(() -> connection.client().listCollectionsAsync().get(10, TimeUnit.SECONDS))
                    .satisfies(e -> failure[0] = e.getCause());
            assertThat(failure[0]).isInstanceOf(StatusRuntimeException.class);
            return ((StatusRuntimeException) failure[0]).getStatus().getCode();
        }
    }
}
