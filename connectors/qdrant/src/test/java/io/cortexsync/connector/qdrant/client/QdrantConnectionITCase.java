package io.cortexsync.connector.qdrant.client;

import io.cortexsync.testkit.qdrant.QdrantTestServer;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Connections reach the test server with and without an API key, and close their own threads. */
class QdrantConnectionITCase {

    @Test
    void sendsTheApiKeyAndIsRefusedWithoutIt() throws Exception {
        try (QdrantTestServer qdrant = QdrantTestServer.builder().port(0).apiKey("s3cret").build().start()) {
            QdrantConnectionConfig.Builder base =
                    QdrantConnectionConfig.builder().host(qdrant.host()).port(qdrant.port());
            try (QdrantConnection ok = QdrantConnection.open(base.apiKey("s3cret").build())) {
                assertThat(ok.client().listCollectionsAsync().get(10, TimeUnit.SECONDS)).isEmpty();
            }
            try (QdrantConnection refused = QdrantConnection.open(base.apiKey(null).build())) {
                assertThatThrownBy(() -> refused.client().listCollectionsAsync().get(10, TimeUnit.SECONDS))
                        .isInstanceOf(ExecutionException.class)
                        .cause()
                        .isInstanceOfSatisfying(StatusRuntimeException.class, e ->
                                assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
            }
        }
    }

    @Test
    void callsPastTheTimeoutFailWithDeadlineExceeded() throws Exception {
        try (QdrantTestServer qdrant = QdrantTestServer.builder().port(0).build().start();
                QdrantConnection connection = QdrantConnection.open(QdrantConnectionConfig.builder()
                        .host(qdrant.host())
                        .port(qdrant.port())
                        .requestTimeout(Duration.ofMillis(200))
                        .build())) {
            qdrant.faults().latency(Duration.ofSeconds(2));
            assertThatThrownBy(() -> connection.client().listCollectionsAsync().get(10, TimeUnit.SECONDS))
                    .cause()
                    .isInstanceOfSatisfying(StatusRuntimeException.class, e ->
                            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED));
        }
    }

    @Test
    void closingStopsTheConnectionsThreads() throws Exception {
        try (QdrantTestServer qdrant = QdrantTestServer.builder().port(0).build().start()) {
            QdrantConnection connection = QdrantConnection.open(
                    QdrantConnectionConfig.builder().host(qdrant.host()).port(qdrant.port()).build());
            connection.client().listCollectionsAsync().get(10, TimeUnit.SECONDS);
            assertThat(qdrantThreads()).isPositive();
            connection.close();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (qdrantThreads() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(qdrantThreads()).isZero();
        }
    }

    private static long qdrantThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("qdrant-"))
                .count();
    }
}
