package io.cortexsync.testkit.qdrant;

import io.grpc.Status;
import io.qdrant.client.QdrantClient;
import io.qdrant.client.grpc.Collections.Distance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;

import static io.cortexsync.testkit.qdrant.QdrantTestClients.assertFailure;
import static io.cortexsync.testkit.qdrant.QdrantTestClients.await;
import static io.cortexsync.testkit.qdrant.QdrantTestClients.createCollection;
import static io.cortexsync.testkit.qdrant.QdrantTestClients.point;
import static io.qdrant.client.PointIdFactory.id;
import static org.assertj.core.api.Assertions.assertThat;

/** The test server counts every point of every applied upsert, rewrites included, and nothing refused. */
@Timeout(60)
class QdrantUpsertCountITCase {

    @Test
    void countsPointsOfAppliedUpsertsOnly() {
        try (QdrantTestServer server = QdrantTestServer.builder().build().start();
                QdrantClient client = QdrantTestClients.connect(server)) {
            String c = createCollection(client, "count", 2, Distance.Dot);

            await(client.upsertAsync(c, List.of(point(id(1), 1f, 2f), point(id(2), 1f, 2f))));
            await(client.upsertAsync(c, List.of(point(id(1), 3f, 4f))));
            assertFailure(client.upsertAsync(c, List.of(point(id(3), 1f, 2f, 3f))), Status.Code.INVALID_ARGUMENT,
                    "Wrong input: Vector dimension error: expected dim: 2, got 3");

            assertThat(server.upsertedPointCount()).isEqualTo(3);
            assertThat(await(client.countAsync(c))).isEqualTo(2);
        }
    }
}
