package io.cortexsync.testkit.qdrant;

import io.grpc.Status;
import io.qdrant.client.grpc.Collections.Distance;
import io.qdrant.client.grpc.Common.Filter;
import io.qdrant.client.grpc.Common.PointId;
import io.qdrant.client.grpc.JsonWithInt.Value;
import io.qdrant.client.grpc.Points.PointStruct;
import io.qdrant.client.grpc.Points.PointsIdsList;
import io.qdrant.client.grpc.Points.PointsSelector;
import io.qdrant.client.grpc.Points.RetrievedPoint;
import io.qdrant.client.grpc.Points.ScrollPoints;
import io.qdrant.client.grpc.Points.ScrollResponse;
import io.qdrant.client.grpc.Points.SetPayloadPoints;
import io.qdrant.client.grpc.Points.UpdateStatus;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static io.cortexsync.testkit.qdrant.QdrantTestClients.assertFailure;
import static io.cortexsync.testkit.qdrant.QdrantTestClients.await;
import static io.cortexsync.testkit.qdrant.QdrantTestClients.createCollection;
import static io.cortexsync.testkit.qdrant.QdrantTestClients.idText;
import static io.cortexsync.testkit.qdrant.QdrantTestClients.point;
import static io.qdrant.client.ConditionFactory.matchKeyword;
import static io.qdrant.client.PointIdFactory.id;
import static io.qdrant.client.ValueFactory.nullValue;
import static io.qdrant.client.ValueFactory.value;
import static org.assertj.core.api.Assertions.assertThat;

/** Scroll paging, count and payload updates through the official Java client. */
class QdrantScrollAndPayloadITCase extends QdrantClientITCase {

    /** Numbers first (unsigned), then UUIDs as unsigned 128-bit numbers. */
    private static final List<String> ID_ORDER = List.of(
            "0", "1", "2", "10", "9223372036854775807", "9223372036854775808", "18446744073709551615",
            "00000000-0000-0000-0000-000000000000",
            "00000000-0000-0000-8000-000000000000",
            "7fffffff-ffff-ffff-ffff-ffffffffffff",
            "80000000-0000-0000-0000-000000000000",
            "ffffffff-ffff-ffff-ffff-ffffffffffff");

    private static PointId parseId(String text) {
        return text.contains("-") ? id(UUID.fromString(text)) : id(Long.parseUnsignedLong(text));
    }

    private static String mixedIdCollection() {
        String c = createCollection(client, "scroll", 2, Distance.Dot);
        List<String> shuffled = new ArrayList<>(ID_ORDER);
        Collections.shuffle(shuffled, new Random(7));
        List<PointStruct> points = shuffled.stream()
                .map(t -> point(parseId(t), Map.of("id", value(t), "even", value(ID_ORDER.indexOf(t) % 2 == 0)), 1f, 1f))
                .toList();
        await(client.upsertAsync(c, points));
        return c;
    }

    @Test
    void scrollPagesInIdOrderWithTheNextPagesFirstIdAsOffset() {
        String c = mixedIdCollection();
        List<String> seen = new ArrayList<>();
        List<String> offsets = new ArrayList<>();
        PointId offset = null;
        for (int page = 0; page < 10; page++) {
            ScrollPoints.Builder request = ScrollPoints.newBuilder().setCollectionName(c).setLimit(5);
            if (offset != null) {
                request.setOffset(offset);
            }
            ScrollResponse response = await(client.scrollAsync(request.build()));
            response.getResultList().forEach(p -> seen.add(idText(p.getId())));
            if (!response.hasNextPageOffset()) {
                break;
            }
            offset = response.getNextPageOffset();
            offsets.add(idText(offset));
        }
        assertThat(seen).containsExactlyElementsOf(ID_ORDER);
        assertThat(offsets).containsExactly(ID_ORDER.get(5), ID_ORDER.get(10));
    }

    @Test
    void scrollDefaultsLimitTenReturnsPayloadAndTakesAnInclusiveOffset() {
        String c = mixedIdCollection();
        ScrollResponse first = await(client.scrollAsync(ScrollPoints.newBuilder().setCollectionName(c).build()));
        assertThat(first.getResultList()).hasSize(10);
        assertThat(first.getResult(0).getPayloadMap()).containsKeys("id", "even");
        assertThat(first.getResult(0).hasVectors()).isFalse();
        assertThat(idText(first.getNextPageOffset())).isEqualTo(ID_ORDER.get(10));

        ScrollResponse fromOffset = await(client.scrollAsync(ScrollPoints.newBuilder()
                .setCollectionName(c).setOffset(parseId(ID_ORDER.get(3))).setLimit(2).build()));
        assertThat(fromOffset.getResultList()).extracting(p -> idText(p.getId()))
                .containsExactly(ID_ORDER.get(3), ID_ORDER.get(4));

        ScrollResponse exactEnd = await(client.scrollAsync(ScrollPoints.newBuilder()
                .setCollectionName(c).setOffset(parseId(ID_ORDER.get(10))).setLimit(2).build()));
        assertThat(exactEnd.getResultList()).hasSize(2);
        assertThat(exactEnd.hasNextPageOffset()).isFalse();
    }

    @Test
    void scrollLimitZeroIsAValidationError() {
        String c = createCollection(client, "scroll0", 2, Distance.Dot);
        assertFailure(client.scrollAsync(ScrollPoints.newBuilder().setCollectionName(c).setLimit(0).build()),
                Status.Code.INVALID_ARGUMENT, "Validation error in body: [limit: value 0 invalid, must be 1 or larger]");
    }

    @Test
    void scrollAndCountApplyTheFilter() {
        String c = mixedIdCollection();
        Filter even = Filter.newBuilder().addMust(io.qdrant.client.ConditionFactory.match("even", true)).build();
        ScrollResponse page = await(client.scrollAsync(ScrollPoints.newBuilder()
                .setCollectionName(c).setFilter(even).setLimit(3).build()));
        assertThat(page.getResultList()).extracting(p -> idText(p.getId()))
                .containsExactly(ID_ORDER.get(0), ID_ORDER.get(2), ID_ORDER.get(4));
        assertThat(idText(page.getNextPageOffset())).isEqualTo(ID_ORDER.get(6));
        assertThat(await(client.countAsync(c, even, null))).isEqualTo(6);
        assertThat(await(client.countAsync(c))).isEqualTo(ID_ORDER.size());
    }

    @Test
    void setPayloadMergesShallowlyAndNullRemovesAKey() {
        String c = createCollection(client, "setpayload", 2, Distance.Dot);
        await(client.upsertAsync(c, List.of(point(id(1),
                Map.of("a", value(1), "b", value("two"), "nested", value(Map.of("x", value(1), "y", value(2)))), 1f, 1f))));
        await(client.setPayloadAsync(c,
                Map.of("b", value("changed"), "c", value(true), "a", nullValue(), "nested", value(Map.of("x", value(9)))),
                id(1), true, null, null));
        Map<String, Value> payload = retrieve(c, 1).getPayloadMap();
        assertThat(payload).containsOnlyKeys("b", "c", "nested");
        assertThat(payload.get("b").getStringValue()).isEqualTo("changed");
        assertThat(payload.get("nested").getStructValue().getFieldsMap()).containsOnlyKeys("x");

        // With a key the merge happens inside the object at that key.
        await(client.setPayloadAsync(c, Map.of("y", value(2)), PointsSelector.newBuilder()
                .setPoints(PointsIdsList.newBuilder().addIds(id(1))).build(),
                true, "nested", null, null));
        Map<String, Value> nested = retrieve(c, 1).getPayloadMap().get("nested").getStructValue().getFieldsMap();
        assertThat(nested.get("x").getIntegerValue()).isEqualTo(9);
        assertThat(nested.get("y").getIntegerValue()).isEqualTo(2);
    }

    @Test
    void overwriteReplacesAndDeletePayloadRemovesKeys() {
        String c = createCollection(client, "overwrite", 2, Distance.Dot);
        await(client.upsertAsync(c, List.of(point(id(1), Map.of("a", value(1), "b", value(2)), 1f, 1f))));
        await(client.overwritePayloadAsync(c, Map.of("c", value(3), "d", value(4)), id(1), true, null, null));
        assertThat(retrieve(c, 1).getPayloadMap()).containsOnlyKeys("c", "d");
        await(client.deletePayloadAsync(c, List.of("c", "missing"), id(1), true, null, null));
        assertThat(retrieve(c, 1).getPayloadMap()).containsOnlyKeys("d");
    }

    @Test
    void payloadUpdatesOfMissingPointsAreNotFoundWhenWaiting() {
        String c = createCollection(client, "payload404", 2, Distance.Dot);
        await(client.upsertAsync(c, List.of(point(id(1), 1f, 1f))));
        UUID uuid = UUID.fromString("0f0e0d0c-0b0a-0908-0706-050403020100");
        assertFailure(client.setPayloadAsync(c, Map.of("k", value(1)), List.of(id(1), id(42)), true, null, null),
                Status.Code.NOT_FOUND, "Not found: No point with id 42 found");
        assertFailure(client.overwritePayloadAsync(c, Map.of("k", value(1)), id(uuid), true, null, null),
                Status.Code.NOT_FOUND, "Not found: No point with id 0f0e0d0c-0b0a-0908-0706-050403020100 found");
        // Existing points of the request were updated before the error, as in Qdrant.
        assertThat(retrieve(c, 1).getPayloadMap()).containsKey("k");

        SetPayloadPoints noWait = SetPayloadPoints.newBuilder().setCollectionName(c).putPayload("k", value(2))
                .setPointsSelector(PointsSelector.newBuilder()
                        .setPoints(PointsIdsList.newBuilder().addIds(id(42))))
                .build();
        assertThat(await(client.setPayloadAsync(noWait, null)).getStatus()).isEqualTo(UpdateStatus.Acknowledged);
    }

    @Test
    void setPayloadByFilterTouchesOnlyMatchingPoints() {
        String c = createCollection(client, "payloadfilter", 2, Distance.Dot);
        await(client.upsertAsync(c, List.of(
                point(id(1), Map.of("kind", value("a")), 1f, 1f),
                point(id(2), Map.of("kind", value("b")), 1f, 1f))));
        await(client.setPayloadAsync(c, Map.of("seen", value(true)),
                Filter.newBuilder().addMust(matchKeyword("kind", "a")).build(), true, null, null));
        assertThat(retrieve(c, 1).getPayloadMap()).containsKey("seen");
        assertThat(retrieve(c, 2).getPayloadMap()).doesNotContainKey("seen");
    }

    private static RetrievedPoint retrieve(String collection, long id) {
        return await(client.retrieveAsync(collection, List.of(id(id)), true, false, null)).get(0);
    }
}
