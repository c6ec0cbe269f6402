package io.cortexsync.testkit.qdrant;

import io.grpc.Status;
import io.qdrant.client.grpc.Collections.CollectionInfo;
import io.qdrant.client.grpc.Collections.CollectionOperationResponse;
import io.qdrant.client.grpc.Collections.DeleteCollection;
import io.qdrant.client.grpc.Collections.Distance;
import io.qdrant.client.grpc.Collections.OptimizersConfigDiff;
import io.qdrant.client.grpc.Collections.PayloadSchemaType;
import io.qdrant.client.grpc.Collections.UpdateCollection;
import io.qdrant.client.grpc.Collections.VectorParams;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.cortexsync.testkit.qdrant.QdrantTestClients.assertFailure;
import static io.cortexsync.testkit.qdrant.QdrantTestClients.await;
import static io.cortexsync.testkit.qdrant.QdrantTestClients.createCollection;
import static io.cortexsync.testkit.qdrant.QdrantTestClients.point;
import static io.qdrant.client.PointIdFactory.id;
import static io.qdrant.client.ValueFactory.value;
import static org.assertj.core.api.Assertions.assertThat;

/** Collection lifecycle and info through the official Java client. */
class QdrantCollectionsITCase extends QdrantClientITCase {

    @Test
    void createdCollectionsAreListedExistAndReportTheirConfigAndPointCount() {
        String c = createCollection(client, "info", 4, Distance.Cosine);
        await(client.upsertAsync(c, List.of(point(id(1), 1f, 0f, 0f, 0f), point(id(2), 0f, 1f, 0f, 0f))));

        assertThat(await(client.listCollectionsAsync())).contains(c);
        assertThat(await(client.collectionExistsAsync(c))).isTrue();
        assertThat(await(client.collectionExistsAsync(c + "_missing"))).isFalse();
        CollectionInfo info = await(client.getCollectionInfoAsync(c));
        assertThat(info.getPointsCount()).isEqualTo(2);
        VectorParams params = info.getConfig().getParams().getVectorsConfig().getParams();
        assertThat(params.getSize()).isEqualTo(4);
        assertThat(params.getDistance()).isEqualTo(Distance.Cosine);
    }

    @Test
    void namedVectorCollectionsReportEveryVector() {
        String c = QdrantTestClients.uniqueName("named_info");
        await(client.createCollectionAsync(c, Map.of(
                "a", VectorParams.newBuilder().setSize(2).setDistance(Distance.Dot).build(),
                "b", VectorParams.newBuilder().setSize(8).setDistance(Distance.Euclid).build())));
        CollectionInfo info = await(client.getCollectionInfoAsync(c));
        assertThat(info.getConfig().getParams().getVectorsConfig().getParamsMap().getMapMap())
                .containsOnlyKeys("a", "b");
    }

    @Test
    void creatingTwiceIsAlreadyExistsAndMissingCollectionsAreNotFound() {
        String c = createCollection(client, "twice", 2, Distance.Dot);
        assertFailure(client.createCollectionAsync(c, VectorParams.newBuilder().setSize(2).setDistance(Distance.Dot).build()),
                Status.Code.ALREADY_EXISTS, "Wrong input: Collection `" + c + "` already exists!");
        assertFailure(client.getCollectionInfoAsync("ghost"), Status.Code.NOT_FOUND,
                "Not found: Collection `ghost` doesn't exist!");
    }

    @Test
    void deletingAMissingCollectionAnswersFalse() {
        String c = createCollection(client, "gone", 2, Distance.Dot);
        CollectionOperationResponse deleted = await(client.grpcClient().collections()
                .delete(DeleteCollection.newBuilder().setCollectionName(c).build()));
        assertThat(deleted.getResult()).isTrue();
        CollectionOperationResponse again = await(client.grpcClient().collections()
                .delete(DeleteCollection.newBuilder().setCollectionName(c).build()));
        assertThat(again.getResult()).isFalse();
        assertThat(await(client.collectionExistsAsync(c))).isFalse();
    }

    @Test
    void updatesAndPayloadIndexesShowInTheInfo() {
        String c = createCollection(client, "update", 2, Distance.Dot);
        assertThat(await(client.getCollectionInfoAsync(c)).getConfig().getOptimizerConfig().getIndexingThreshold())
                .isEqualTo(10_000);
        await(client.updateCollectionAsync(UpdateCollection.newBuilder().setCollectionName(c)
                .setOptimizersConfig(OptimizersConfigDiff.newBuilder().setIndexingThreshold(0)).build()));
        assertThat(await(client.getCollectionInfoAsync(c)).getConfig().getOptimizerConfig().getIndexingThreshold())
                .isZero();

        await(client.upsertAsync(c, List.of(point(id(1), Map.of("city", value("Oslo")), 1f, 1f), point(id(2), 1f, 1f))));
        await(client.createPayloadIndexAsync(c, "city", PayloadSchemaType.Keyword, null, true, null, null));
        CollectionInfo info = await(client.getCollectionInfoAsync(c));
        assertThat(info.getPayloadSchemaMap()).containsOnlyKeys("city");
        assertThat(info.getPayloadSchemaMap().get("city").getDataType()).isEqualTo(PayloadSchemaType.Keyword);
        assertThat(info.getPayloadSchemaMap().get("city").getPoints()).isEqualTo(1);

        await(client.deletePayloadIndexAsync(c, "city", true, null, null));
        assertThat(await(client.getCollectionInfoAsync(c)).getPayloadSchemaMap()).isEmpty();
    }
}
