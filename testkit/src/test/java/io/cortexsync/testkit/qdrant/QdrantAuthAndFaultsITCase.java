package io.cortexsync.testkit.qdrant;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.qdrant.client.QdrantClient;
import io.qdrant.client.QdrantGrpcClient;
import io.qdrant.client.grpc.Collections.Distance;
import io.qdrant.client.grpc.Points.PointStruct;
import io.qdrant.client.grpc.Points.RetrievedPoint;
import io.qdrant.client.grpc.Points.UpdateStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static io.cortexsync.testkit.qdrant.QdrantTestClients.assertFailure;
import static io.cortexsync.testkit.qdrant.QdrantTestClients.await;
import static io.cortexsync.testkit.qdrant.QdrantTestClients.createCollection;
import static io.cortexsync.testkit.qdrant.QdrantTestClients.failure;
import static io.cortexsync.testkit.qdrant.QdrantTestClients.point;
import static io.qdrant.client.PointIdFactory.id;
import static org.assertj.core.api.Assertions.assertThat;

/** API-key auth, injected faults and message sizes beyond gRPC's 4 MiB default. */
@Timeout(120)
class QdrantAuthAndFaultsITCase {

    private static final String KEY = "s3cret-key";

    @Test
    void apiKeyIsRequiredExceptForHealthChecks() {
        try (QdrantTestServer server = QdrantTestServer.builder().port(0).apiKey(KEY).build().start();
                QdrantClient withKey = QdrantTestClients.connect(server, KEY);
                QdrantClient withoutKey = QdrantTestClients.connect(server);
                QdrantClient wrongKey = QdrantTestClients.connect(server, "wrong");
                QdrantClient bearer = new QdrantClient(QdrantGrpcClient.newBuilder(server.host(), server.port(), false)
                        .withHeaders(Map.of("authorization", "Bearer " + KEY)).build())) {
            String c = createCollection(withKey, "auth", 2, Distance.Dot);
            assertThat(await(bearer.countAsync(c))).isZero();
            assertThat(await(withoutKey.healthCheckAsync()).getVersion()).isEqualTo("1.18.3");

            assertFailure(withoutKey.countAsync(c), Status.Code.UNAUTHENTICATED,
                    "Must provide an API key or an Authorization bearer token");
            assertFailure(wrongKey.countAsync(c), Status.Code.UNAUTHENTICATED, "Invalid API key or JWT");
        }
    }

    @Test
    void failNextFailsTheNamedMethodThatManyTimesAndCallsAreCounted() {
        try (QdrantTestServer server = QdrantTestServer.builder().build().start();
                QdrantClient client = QdrantTestClients.connect(server)) {
            String c = createCollection(client, "faults", 2, Distance.Dot);
            server.faults().resetCallCounts().failNext(2, Status.Code.UNAVAILABLE, "Upsert");
            List<PointStruct> points = List.of(point(id(1), 1f, 1f));

            assertFailure(client.upsertAsync(c, points), Status.Code.UNAVAILABLE, "Injected fault");
            assertThat(await(client.countAsync(c))).isZero();
            assertFailure(client.upsertAsync(c, points), Status.Code.UNAVAILABLE, "Injected fault");
            assertThat(await(client.upsertAsync(c, points)).getStatus()).isEqualTo(UpdateStatus.Completed);
            assertThat(server.callCount("Upsert")).isEqualTo(3);
            assertThat(server.callCount("qdrant.Points/Count")).isEqualTo(1);

            server.faults().failNext(1, Status.Code.INTERNAL);
            assertThat(failure(client.countAsync(c)).getCode()).isEqualTo(Status.Code.INTERNAL);
            assertThat(await(client.countAsync(c))).isEqualTo(1);
        }
    }

    @Test
    void latencyDelaysEveryCallUntilReset() {
        try (QdrantTestServer server = QdrantTestServer.builder().build().start();
                QdrantClient client = QdrantTestClients.connect(server)) {
            String c = createCollection(client, "latency", 2, Distance.Dot);
            server.faults().latency(Duration.ofMillis(400));
            long start = System.nanoTime();
            await(client.countAsync(c));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
            server.faults().reset();
            assertThat(server.faults().latency()).isZero();
        }
    }

    @Test
    void unavailableUntilResumedHealthChecksIncluded() {
        try (QdrantTestServer server = QdrantTestServer.builder().build().start();
                QdrantClient client = QdrantTestClients.connect(server)) {
            String c = createCollection(client, "down", 2, Distance.Dot);
            server.faults().goUnavailable();
            assertThat(failure(client.healthCheckAsync()).getCode()).isEqualTo(Status.Code.UNAVAILABLE);
            assertThat(failure(client.countAsync(c)).getCode()).isEqualTo(Status.Code.UNAVAILABLE);
            server.faults().resume();
            assertThat(await(client.countAsync(c))).isZero();
        }
    }

    @Test
    void messagesLargerThanFourMebibytesAreAccepted() {
        int dims = 768;
        int count = 2_000; // about 6 MiB of float32 on the wire
        try (QdrantTestServer server = QdrantTestServer.builder().build().start();
                QdrantClient client = QdrantTestClients.connect(server)) {
            String c = createCollection(client, "large", dims, Distance.Dot);
            List<PointStruct> points = IntStream.range(0, count)
                    .mapToObj(i -> point(id(i), vectorOf(i, dims)))
                    .toList();
            assertThat(points.stream().mapToLong(PointStruct::getSerializedSize).sum()).isGreaterThan(4L << 20);
            assertThat(await(client.upsertAsync(c, points)).getStatus()).isEqualTo(UpdateStatus.Completed);

            List<io.qdrant.client.grpc.Common.PointId> ids = IntStream.range(0, count).mapToObj(i -> id(i)).toList();
            // The default client refuses the equally large answer, which shows the size matters ...
            assertThat(failure(client.retrieveAsync(c, ids, false, true, null)).getCode())
                    .isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
            // ... and a client that accepts large messages gets every vector back.
            ManagedChannel channel = NettyChannelBuilder.forAddress(server.host(), server.port())
                    .usePlaintext()
                    .maxInboundMessageSize(64 << 20)
                    .build();
            try (QdrantClient large = new QdrantClient(QdrantGrpcClient.newBuilder(channel, true).build())) {
                List<RetrievedPoint> all = await(large.retrieveAsync(c, ids, false, true, null));
                assertThat(all).hasSize(count);
                assertThat(all.get(count - 1).getVectors().getVector().getDense().getData(dims - 1))
                        .isEqualTo(vectorOf(count - 1, dims)[dims - 1]);
            }
        }
    }

    private static float[] vectorOf(int seed, int dims) {
        float[] vector = new float[dims];
        for (int i = 0; i < dims; i++) {
            vector[i] = (seed * 31 + i) % 97 / 97f;
        }
        return vector;
    }
}
