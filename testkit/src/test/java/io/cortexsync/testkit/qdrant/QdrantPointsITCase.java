package io.cortexsync.testkit.qdrant;

import io.grpc.Status;
import io.qdrant.client.grpc.Collections.Distance;
import io.qdrant.client.grpc.Collections.VectorParams;
import io.qdrant.client.grpc.Common.PointId;
import io.qdrant.client.grpc.Points.GetPoints;
import io.qdrant.client.grpc.Points.PointStruct;
import io.qdrant.client.grpc.Points.RetrievedPoint;
import io.qdrant.client.grpc.Points.UpdateStatus;
import io.qdrant.client.grpc.Points.UpsertPoints;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.cortexsync.testkit.qdrant.QdrantTestClients.assertFailure;
import static io.cortexsync.testkit.qdrant.QdrantTestClients.await;
import static io.cortexsync.testkit.qdrant.QdrantTestClients.createCollection;
import static io.cortexsync.testkit.qdrant.QdrantTestClients.idText;
import static io.cortexsync.testkit.qdrant.QdrantTestClients.point;
import static io.cortexsync.testkit.qdrant.QdrantTestClients.vectorOf;
import static io.qdrant.client.ConditionFactory.matchKeyword;
import static io.qdrant.client.PointIdFactory.id;
import static io.qdrant.client.ValueFactory.value;
import static io.qdrant.client.VectorFactory.vector;
import static io.qdrant.client.VectorsFactory.namedVectors;
import static org.assertj.core.api.Assertions.assertThat;

/** Upsert, retrieve and delete through the official Java client, with Qdrant's id and vector rules. */
class QdrantPointsITCase extends QdrantClientITCase {

    @Test
    void waitDecidesBetweenAcknowledgedAndCompleted() {
        String c = createCollection(client, "wait", 2, Distance.Dot);
        assertThat(await(client.upsertAsync(c, List.of(point(id(1), 1f, 2f)))).getStatus())
                .isEqualTo(UpdateStatus.Completed);
        UpsertPoints withoutWait = UpsertPoints.newBuilder().setCollectionName(c).addPoints(point(id(2), 1f, 2f)).build();
        assertThat(await(client.upsertAsync(withoutWait)).getStatus()).isEqualTo(UpdateStatus.Acknowledged);
        assertThat(await(client.countAsync(c))).isEqualTo(2);
    }

    @Test
    void idsAreCheckedWithQdrantsMessages() {
        String c = createCollection(client, "ids", 2, Distance.Dot);
        PointStruct badUuid = point(PointId.newBuilder().setUuid("not-a-uuid").build(), 1f, 1f);
        assertFailure(client.upsertAsync(c, List.of(badUuid)), Status.Code.INVALID_ARGUMENT, "Unable to parse UUID: not-a-uuid");
        PointStruct lenient = point(PointId.newBuilder().setUuid("1-1-1-1-1").build(), 1f, 1f);
        assertFailure(client.upsertAsync(c, List.of(lenient)), Status.Code.INVALID_ARGUMENT, "Unable to parse UUID: 1-1-1-1-1");
        PointStruct noId = PointStruct.newBuilder().setVectors(point(id(1), 1f, 1f).getVectors()).build();
        assertFailure(client.upsertAsync(c, List.of(noId)), Status.Code.INVALID_ARGUMENT, "Empty ID is not allowed");
        PointStruct noVectors = PointStruct.newBuilder().setId(id(1)).build();
        assertFailure(client.upsertAsync(c, List.of(noVectors)), Status.Code.INVALID_ARGUMENT, "Expected some vectors");
        assertThat(await(client.countAsync(c))).isZero();
    }

    @Test
    void uuidTextFormsNameOnePointReturnedLowerCaseHyphenated() {
        String c = createCollection(client, "uuids", 2, Distance.Dot);
        UUID uuid = UUID.fromString("a1b2c3d4-e5f6-4711-8899-aabbccddeeff");
        String simpleUpper = uuid.toString().replace("-", "").toUpperCase();
        await(client.upsertAsync(c, List.of(point(PointId.newBuilder().setUuid(simpleUpper).build(), 1f, 0f))));
        await(client.upsertAsync(c, List.of(point(PointId.newBuilder().setUuid("urn:uuid:" + uuid).build(), 0f, 1f))));
        await(client.upsertAsync(c, List.of(point(PointId.newBuilder().setUuid("{" + uuid + "}").build(), 0f, 2f))));

        List<RetrievedPoint> all = await(client.retrieveAsync(c, List.of(id(uuid)), false, true, null));
        assertThat(await(client.countAsync(c))).isEqualTo(1);
        assertThat(all).singleElement().satisfies(p -> {
            assertThat(p.getId().getUuid()).isEqualTo("a1b2c3d4-e5f6-4711-8899-aabbccddeeff");
            assertThat(vectorOf(p)).containsExactly(0f, 2f);
        });
    }

    @Test
    void cosineVectorsAreNormalisedAtUpsertUnlessZeroOrAlreadyUnit() {
        String c = createCollection(client, "cosine", 4, Distance.Cosine);
        float nearlyUnit = (float) Math.sqrt(1 + 5e-7); // squared length within 1e-6 of 1
        await(client.upsertAsync(c, List.of(
                point(id(1), 3f, 4f, 0f, 0f),
                point(id(2), 0f, 0f, 0f, 0f),
                point(id(3), nearlyUnit, 0f, 0f, 0f),
                point(id(4), 2f, 0f, 0f, 0f))));

        List<RetrievedPoint> points = await(client.retrieveAsync(c, List.of(id(1), id(2), id(3), id(4)), false, true, null));
        assertThat(vectorOf(points.get(0))).containsExactly(0.6f, 0.8f, 0f, 0f);
        assertThat(vectorOf(points.get(1))).containsExactly(0f, 0f, 0f, 0f);
        assertThat(vectorOf(points.get(2))).containsExactly(nearlyUnit, 0f, 0f, 0f);
        assertThat(vectorOf(points.get(3))).containsExactly(1f, 0f, 0f, 0f);
    }

    @Test
    void dotVectorsAreStoredAsFloat32AsGiven() {
        String c = createCollection(client, "dot", 2, Distance.Dot);
        await(client.upsertAsync(c, List.of(point(id(1), 3f, 4.1f))));
        RetrievedPoint p = await(client.retrieveAsync(c, List.of(id(1)), false, true, null)).get(0);
        assertThat(vectorOf(p)).containsExactly(3f, 4.1f);
    }

    @Test
    void lastVersionOfAnIdInABatchWinsAndUpsertReplacesTheWholePoint() {
        String c = createCollection(client, "replace", 2, Distance.Dot);
        await(client.upsertAsync(c, List.of(
                point(id(7), Map.of("v", value(1)), 1f, 1f),
                point(id(7), Map.of("v", value(2), "keep", value("x")), 2f, 2f))));
        RetrievedPoint first = await(client.retrieveAsync(c, List.of(id(7)), true, true, null)).get(0);
        assertThat(first.getPayloadMap()).containsOnlyKeys("v", "keep");
        assertThat(first.getPayloadMap().get("v").getIntegerValue()).isEqualTo(2);
        assertThat(vectorOf(first)).containsExactly(2f, 2f);

        await(client.upsertAsync(c, List.of(point(id(7), 3f, 3f))));
        RetrievedPoint replaced = await(client.retrieveAsync(c, List.of(id(7)), true, true, null)).get(0);
        assertThat(replaced.getPayloadMap()).isEmpty();
        assertThat(vectorOf(replaced)).containsExactly(3f, 3f);
    }

    @Test
    void wrongDimensionIsRefusedEvenWithoutWait() {
        String c = createCollection(client, "dim", 4, Distance.Cosine);
        String message = "Wrong input: Vector dimension error: expected dim: 4, got 3";
        assertFailure(client.upsertAsync(c, List.of(point(id(1), 1f, 2f, 3f))), Status.Code.INVALID_ARGUMENT, message);
        UpsertPoints noWait = UpsertPoints.newBuilder().setCollectionName(c).addPoints(point(id(1), 1f, 2f, 3f)).build();
        assertFailure(client.upsertAsync(noWait), Status.Code.INVALID_ARGUMENT, message);
        assertThat(await(client.countAsync(c))).isZero();
    }

    @Test
    void namedVectorsMayBeOmittedButUnknownNamesFailWhenWaiting() {
        String c = QdrantTestClients.uniqueName("named");
        await(client.createCollectionAsync(c, Map.of(
                "text", VectorParams.newBuilder().setSize(2).setDistance(Distance.Dot).build(),
                "image", VectorParams.newBuilder().setSize(3).setDistance(Distance.Euclid).build())));
        PointStruct textOnly = PointStruct.newBuilder().setId(id(1))
                .setVectors(namedVectors(Map.of("text", vector(1f, 2f)))).build();
        await(client.upsertAsync(c, List.of(textOnly)));
        RetrievedPoint stored = await(client.retrieveAsync(c, List.of(id(1)), false, true, null)).get(0);
        assertThat(stored.getVectors().getVectors().getVectorsMap()).containsOnlyKeys("text");

        PointStruct unknown = PointStruct.newBuilder().setId(id(2))
                .setVectors(namedVectors(Map.of("x", vector(1f, 2f)))).build();
        assertFailure(client.upsertAsync(c, List.of(unknown)), Status.Code.INVALID_ARGUMENT,
                "Wrong input: Not existing vector name error: x");
        // Without wait Qdrant acknowledges before applying, so the error never reaches the caller.
        UpsertPoints noWait = UpsertPoints.newBuilder().setCollectionName(c).addPoints(unknown).build();
        assertThat(await(client.upsertAsync(noWait)).getStatus()).isEqualTo(UpdateStatus.Acknowledged);
        assertThat(await(client.countAsync(c))).isEqualTo(1);

        PointStruct wrongNamedDim = PointStruct.newBuilder().setId(id(3))
                .setVectors(namedVectors(Map.of("image", vector(1f, 2f)))).build();
        assertFailure(client.upsertAsync(c, List.of(wrongNamedDim)), Status.Code.INVALID_ARGUMENT,
                "Wrong input: Vector dimension error: expected dim: 3, got 2 for vector 'image'");
    }

    @Test
    void missingCollectionIsNotFound() {
        assertFailure(client.upsertAsync("nowhere", List.of(point(id(1), 1f))), Status.Code.NOT_FOUND,
                "Not found: Collection `nowhere` doesn't exist!");
        assertFailure(client.retrieveAsync("nowhere", List.of(id(1)), null), Status.Code.NOT_FOUND,
                "Not found: Collection `nowhere` doesn't exist!");
    }

    @Test
    void retrieveKeepsRequestOrderDropsMissingIdsAndReturnsPayloadOnlyWhenAsked() {
        String c = createCollection(client, "retrieve", 2, Distance.Dot);
        UUID uuid = UUID.randomUUID();
        await(client.upsertAsync(c, List.of(
                point(id(1), Map.of("n", value("one")), 1f, 0f),
                point(id(uuid), Map.of("n", value("uuid")), 0f, 1f),
                point(id(3), Map.of("n", value("three")), 1f, 1f))));

        // The client's convenience overloads ask for the payload; an unset selector means none.
        GetPoints unset = GetPoints.newBuilder().setCollectionName(c)
                .addAllIds(List.of(id(3), id(99), id(uuid), id(1), id(3))).build();
        List<RetrievedPoint> plain = await(client.retrieveAsync(unset, null));
        assertThat(plain).extracting(p -> idText(p.getId())).containsExactly("3", uuid.toString(), "1");
        assertThat(plain).allSatisfy(p -> {
            assertThat(p.getPayloadMap()).isEmpty();
            assertThat(p.hasVectors()).isFalse();
        });
        List<RetrievedPoint> full = await(client.retrieveAsync(c, List.of(id(1)), true, true, null));
        assertThat(full.get(0).getPayloadMap().get("n").getStringValue()).isEqualTo("one");
        assertThat(vectorOf(full.get(0))).containsExactly(1f, 0f);
    }

    @Test
    void deletingMissingIdsIsFineAndDeleteByFilterRemovesMatches() {
        String c = createCollection(client, "delete", 2, Distance.Dot);
        await(client.upsertAsync(c, List.of(
                point(id(1), Map.of("kind", value("a")), 1f, 0f),
                point(id(2), Map.of("kind", value("b")), 1f, 0f),
                point(id(3), Map.of("kind", value("a")), 1f, 0f))));
        assertThat(await(client.deleteAsync(c, List.of(id(2), id(404)))).getStatus()).isEqualTo(UpdateStatus.Completed);
        await(client.deleteAsync(c, io.qdrant.client.grpc.Common.Filter.newBuilder().addMust(matchKeyword("kind", "a")).build()));
        assertThat(await(client.countAsync(c))).isZero();
    }

    @Test
    void nanAndInfiniteValuesAreAcceptedAsQdrantAcceptsThem() {
        String c = createCollection(client, "nan", 2, Distance.Dot);
        assertThat(await(client.upsertAsync(c, List.of(
                point(id(1), Float.NaN, 1f),
                point(id(2), Float.POSITIVE_INFINITY, 0f)))).getStatus()).isEqualTo(UpdateStatus.Completed);
        RetrievedPoint p = await(client.retrieveAsync(c, List.of(id(1)), false, true, null)).get(0);
        assertThat(vectorOf(p).get(0)).isNaN();
    }
}
