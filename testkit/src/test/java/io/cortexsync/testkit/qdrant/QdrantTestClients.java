package io.cortexsync.testkit.qdrant;

import com.google.common.util.concurrent.ListenableFuture;
import io.grpc.Status;
import io.qdrant.client.QdrantClient;
import io.qdrant.client.QdrantGrpcClient;
import io.qdrant.client.grpc.Collections.Distance;
import io.qdrant.client.grpc.Collections.VectorParams;
import io.qdrant.client.grpc.Common.PointId;
import io.qdrant.client.grpc.JsonWithInt.Value;
import io.qdrant.client.grpc.Points.PointStruct;
import io.qdrant.client.grpc.Points.RetrievedPoint;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import static io.qdrant.client.VectorsFactory.vectors;
import static org.assertj.core.api.Assertions.assertThat;

/** The official Java client pointed at a {@link QdrantTestServer}, and small helpers around it. */
final class QdrantTestClients {

    static final Duration CALL_DEADLINE = Duration.ofSeconds(20);
    private static final AtomicInteger NAMES = new AtomicInteger();
    /** Keeps names apart from earlier runs against a real Qdrant that keeps its collections. */
    private static final String RUN = Long.toString(System.nanoTime() & 0xffffff, 36);

    private QdrantTestClients() {}

    static QdrantClient connect(QdrantTestServer server) {
        return new QdrantClient(QdrantGrpcClient.newBuilder(server.host(), server.port(), false)
                .withTimeout(CALL_DEADLINE)
                .build());
    }

    static QdrantClient connect(QdrantEndpoint endpoint) {
        QdrantGrpcClient.Builder builder =
                QdrantGrpcClient.newBuilder(endpoint.host(), endpoint.port(), false)
                        .withTimeout(CALL_DEADLINE);
        endpoint.apiKey().ifPresent(builder::withApiKey);
        return new QdrantClient(builder.build());
    }

    static QdrantClient connect(QdrantTestServer server, String apiKey) {
        return new QdrantClient(QdrantGrpcClient.newBuilder(server.host(), server.port(), false)
                .withApiKey(apiKey)
                .withTimeout(CALL_DEADLINE)
                .build());
    }

    /** A collection name no other test uses. */
    static String uniqueName(String prefix) {
        return prefix + "_" + RUN + "_" + NAMES.incrementAndGet();
    }

    static String createCollection(QdrantClient client, String prefix, int size, Distance distance) {
        String name = uniqueName(prefix);
        await(client.createCollectionAsync(
                name, VectorParams.newBuilder().setSize(size).setDistance(distance).build()));
        return name;
    }

    static <T> T await(ListenableFuture<T> future) {
        try {
            return future.get(CALL_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("Qdrant call failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError("Qdrant call did not finish", e);
        }
    }

    /** The status a call failed with; fails the test when the call succeeds. */
    static Status failure(ListenableFuture<?> future) {
        try {
            Object result = future.get(CALL_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
            throw new AssertionError("Expected the call to fail but it returned " + result);
        } catch (ExecutionException e) {
            return Status.fromThrowable(e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError("Qdrant call did not finish", e);
        }
    }

    static void assertFailure(ListenableFuture<?> future, Status.Code code, String message) {
        Status status = failure(future);
        assertThat(status.getCode()).as("status code of %s", status).isEqualTo(code);
        assertThat(status.getDescription()).isEqualTo(message);
    }

    static PointStruct point(PointId id, Map<String, Value> payload, float... vector) {
        return PointStruct.newBuilder().setId(id).setVectors(vectors(vector)).putAllPayload(payload).build();
    }

    static PointStruct point(PointId id, float... vector) {
        return point(id, Map.of(), vector);
    }

    /** The dense data of a retrieved point's single unnamed vector. */
    static List<Float> vectorOf(RetrievedPoint point) {
        return point.getVectors().getVector().getDense().getDataList();
    }

    /** Ids as the server returns them, rendered for easy comparison. */
    static String idText(PointId id) {
        return id.hasUuid() ? id.getUuid() : Long.toUnsignedString(id.getNum());
    }
}
