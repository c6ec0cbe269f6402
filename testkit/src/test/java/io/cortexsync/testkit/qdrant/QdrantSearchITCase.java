package io.cortexsync.testkit.qdrant;

import io.grpc.Status;
import io.qdrant.client.grpc.Collections.Distance;
import io.qdrant.client.grpc.Common.Filter;
import io.qdrant.client.grpc.Points.ScoredPoint;
import io.qdrant.client.grpc.Points.SearchPoints;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.cortexsync.testkit.qdrant.QdrantTestClients.assertFailure;
import static io.cortexsync.testkit.qdrant.QdrantTestClients.await;
import static io.cortexsync.testkit.qdrant.QdrantTestClients.createCollection;
import static io.cortexsync.testkit.qdrant.QdrantTestClients.idText;
import static io.cortexsync.testkit.qdrant.QdrantTestClients.point;
import static io.qdrant.client.ConditionFactory.matchKeyword;
import static io.qdrant.client.PointIdFactory.id;
import static io.qdrant.client.ValueFactory.value;
import static io.qdrant.client.WithPayloadSelectorFactory.enable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Exact search with Qdrant's score semantics for each distance. */
class QdrantSearchITCase extends QdrantClientITCase {

    private static String collectionWith(Distance distance) {
        String c = createCollection(client, "search_" + distance, 2, distance);
        await(client.upsertAsync(c, List.of(
                point(id(1), Map.of("kind", value("a")), 1f, 0f),
                point(id(2), Map.of("kind", value("b")), 0f, 2f),
                point(id(3), Map.of("kind", value("a")), 3f, 3f),
                point(id(4), Map.of("kind", value("b")), -1f, 0f))));
        return c;
    }

    private static List<ScoredPoint> search(String collection, float x, float y, int limit) {
        return await(client.searchAsync(SearchPoints.newBuilder()
                .setCollectionName(collection).addVector(x).addVector(y).setLimit(limit).build()));
    }

    @Test
    void cosineScoresAreCosinesOfTheNormalisedVectors() {
        List<ScoredPoint> hits = search(collectionWith(Distance.Cosine), 2f, 1f, 4);
        assertThat(hits).extracting(p -> idText(p.getId())).containsExactly("3", "1", "2", "4");
        float norm = (float) Math.sqrt(5);
        assertThat(hits.get(0).getScore()).isCloseTo(3f / (norm * (float) Math.sqrt(2)), within(1e-6f));
        assertThat(hits.get(1).getScore()).isCloseTo(2f / norm, within(1e-6f));
        assertThat(hits.get(2).getScore()).isCloseTo(1f / norm, within(1e-6f));
        assertThat(hits.get(3).getScore()).isCloseTo(-2f / norm, within(1e-6f));
    }

    @Test
    void dotScoresAreRawDotProducts() {
        List<ScoredPoint> hits = search(collectionWith(Distance.Dot), 2f, 1f, 4);
        assertThat(hits).extracting(p -> idText(p.getId())).containsExactly("3", "1", "2", "4");
        assertThat(hits).extracting(ScoredPoint::getScore).containsExactly(9f, 2f, 2f, -2f);
    }

    @Test
    void euclidScoresAreDistancesSortedAscending() {
        List<ScoredPoint> hits = search(collectionWith(Distance.Euclid), 1f, 1f, 4);
        assertThat(hits).extracting(p -> idText(p.getId())).containsExactly("1", "2", "4", "3");
        assertThat(hits).extracting(ScoredPoint::getScore)
                .containsExactly(1f, (float) Math.sqrt(2), (float) Math.sqrt(5), (float) Math.sqrt(8));
    }

    @Test
    void limitFilterOffsetAndStrictScoreThreshold() {
        String c = collectionWith(Distance.Dot);
        List<ScoredPoint> onlyA = await(client.searchAsync(SearchPoints.newBuilder()
                .setCollectionName(c).addVector(2f).addVector(1f).setLimit(10)
                .setFilter(Filter.newBuilder().addMust(matchKeyword("kind", "a")))
                .setWithPayload(enable(true)).build()));
        assertThat(onlyA).extracting(p -> idText(p.getId())).containsExactly("3", "1");
        assertThat(onlyA.get(0).getPayloadMap().get("kind").getStringValue()).isEqualTo("a");

        List<ScoredPoint> aboveTwo = await(client.searchAsync(SearchPoints.newBuilder()
                .setCollectionName(c).addVector(2f).addVector(1f).setLimit(10).setScoreThreshold(2f).build()));
        assertThat(aboveTwo).extracting(p -> idText(p.getId())).containsExactly("3");

        List<ScoredPoint> skipped = await(client.searchAsync(SearchPoints.newBuilder()
                .setCollectionName(c).addVector(2f).addVector(1f).setLimit(2).setOffset(1).build()));
        assertThat(skipped).extracting(p -> idText(p.getId())).containsExactly("1", "2");
        assertThat(skipped).allSatisfy(p -> assertThat(p.getPayloadMap()).isEmpty());

        List<ScoredPoint> closeEnough = await(client.searchAsync(SearchPoints.newBuilder()
                .setCollectionName(collectionWith(Distance.Euclid)).addVector(1f).addVector(1f)
                .setLimit(10).setScoreThreshold(2f).build()));
        assertThat(closeEnough).extracting(p -> idText(p.getId())).containsExactly("1", "2");
    }

    @Test
    void searchReturnsVectorsWhenAskedAndChecksTheQuery() {
        String c = collectionWith(Distance.Cosine);
        List<ScoredPoint> hits = await(client.searchAsync(SearchPoints.newBuilder()
                .setCollectionName(c).addVector(0f).addVector(1f).setLimit(1)
                .setWithVectors(io.qdrant.client.WithVectorsSelectorFactory.enable(true)).build()));
        assertThat(hits.get(0).getVectors().getVector().getDense().getDataList()).containsExactly(0f, 1f);

        assertFailure(client.searchAsync(SearchPoints.newBuilder().setCollectionName(c).addVector(1f).setLimit(1).build()),
                Status.Code.INVALID_ARGUMENT, "Wrong input: Vector dimension error: expected dim: 2, got 1");
        assertFailure(client.searchAsync(SearchPoints.newBuilder().setCollectionName(c)
                        .addVector(1f).addVector(1f).setVectorName("x").setLimit(1).build()),
                Status.Code.INVALID_ARGUMENT, "Wrong input: Not existing vector name error: x");
        assertFailure(client.searchAsync(SearchPoints.newBuilder().setCollectionName(c)
                        .addVector(1f).addVector(1f).build()),
                Status.Code.INVALID_ARGUMENT, "Validation error in body: [limit: value 0 invalid, must be 1 or larger]");
    }

    @Test
    void pointsWithNanVectorsRankFirstAsInQdrant() {
        String c = createCollection(client, "search_nan", 2, Distance.Dot);
        await(client.upsertAsync(c, List.of(point(id(1), 5f, 5f), point(id(2), Float.NaN, 0f))));
        List<ScoredPoint> hits = search(c, 1f, 1f, 2);
        assertThat(hits).extracting(p -> idText(p.getId())).containsExactly("2", "1");
        assertThat(hits.get(0).getScore()).isNaN();
    }
}
