package io.cortexsync.testkit.qdrant;

import io.qdrant.client.grpc.Collections.Distance;
import com.google.protobuf.Timestamp;
import io.qdrant.client.grpc.Common.Condition;
import io.qdrant.client.grpc.Common.DatetimeRange;
import io.qdrant.client.grpc.Common.Filter;
import io.qdrant.client.grpc.Common.MinShould;
import io.qdrant.client.grpc.Common.Range;
import io.qdrant.client.grpc.Points.ScrollPoints;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.cortexsync.testkit.qdrant.QdrantTestClients.await;
import static io.cortexsync.testkit.qdrant.QdrantTestClients.createCollection;
import static io.cortexsync.testkit.qdrant.QdrantTestClients.idText;
import static io.cortexsync.testkit.qdrant.QdrantTestClients.point;
import static io.qdrant.client.ConditionFactory.datetimeRange;
import static io.qdrant.client.ConditionFactory.filter;
import static io.qdrant.client.ConditionFactory.hasId;
import static io.qdrant.client.ConditionFactory.isEmpty;
import static io.qdrant.client.ConditionFactory.isNull;
import static io.qdrant.client.ConditionFactory.match;
import static io.qdrant.client.ConditionFactory.matchExceptKeywords;
import static io.qdrant.client.ConditionFactory.matchKeyword;
import static io.qdrant.client.ConditionFactory.matchKeywords;
import static io.qdrant.client.ConditionFactory.nested;
import static io.qdrant.client.ConditionFactory.range;
import static io.qdrant.client.PointIdFactory.id;
import static io.qdrant.client.ValueFactory.list;
import static io.qdrant.client.ValueFactory.nullValue;
import static io.qdrant.client.ValueFactory.value;
import static org.assertj.core.api.Assertions.assertThat;

/** Filter conditions evaluated as Qdrant evaluates them, seen through scroll. */
class QdrantFiltersITCase extends QdrantClientITCase {

    private static String collection;

    @BeforeAll
    static void storePoints() {
        collection = createCollection(client, "filters", 2, Distance.Dot);
        await(client.upsertAsync(collection, List.of(
                point(id(1), Map.of(
                        "city", value("Berlin"), "count", value(5), "price", value(9.5), "open", value(true),
                        "tags", list(List.of(value("red"), value("blue"))),
                        "address", value(Map.of("zip", value("10115"))),
                        "rooms", list(List.of(value(Map.of("size", value(10), "kind", value("bed"))),
                                value(Map.of("size", value(30), "kind", value("living")))))), 1f, 1f),
                point(id(2), Map.of(
                        "city", value("Paris"), "count", value(5.0), "price", value(20), "open", value(false),
                        "tags", list(List.of()), "note", nullValue(),
                        "rooms", list(List.of(value(Map.of("size", value(30), "kind", value("bed")))))), 1f, 1f),
                point(id(3), Map.of("city", value("Rome"), "count", value(7), "tags", list(List.of(value("green")))), 1f, 1f))));
    }

    private static List<String> matching(Filter filter) {
        return await(client.scrollAsync(ScrollPoints.newBuilder()
                        .setCollectionName(collection).setFilter(filter).setLimit(100).build()))
                .getResultList().stream().map(p -> idText(p.getId())).toList();
    }

    private static Filter must(Condition... conditions) {
        return Filter.newBuilder().addAllMust(List.of(conditions)).build();
    }

    @Test
    void keywordIntegerAndBoolMatches() {
        assertThat(matching(must(matchKeyword("city", "Paris")))).containsExactly("2");
        // 5.0 is stored as a double, and Qdrant matches integers only against integers.
        assertThat(matching(must(match("count", 5)))).containsExactly("1");
        assertThat(matching(must(match("open", false)))).containsExactly("2");
        assertThat(matching(must(matchKeyword("tags", "blue")))).containsExactly("1");
        assertThat(matching(must(matchKeywords("city", List.of("Rome", "Paris"))))).containsExactly("2", "3");
        assertThat(matching(must(matchExceptKeywords("city", List.of("Rome"))))).containsExactly("1", "2");
    }

    @Test
    void datetimeRangesReadRfc3339TextsWithOrWithoutOffsetAndBareDates() {
        String dated = createCollection(client, "datetimes", 2, Distance.Dot);
        await(client.upsertAsync(dated, List.of(
                point(id(1), Map.of("at", value("2026-01-02T03:04:05.123Z")), 1f, 1f),
                point(id(2), Map.of("at", value("2026-01-02 05:04:05+02:00")), 1f, 1f),
                point(id(3), Map.of("at", value("2026-01-02T03:04:06")), 1f, 1f),
                point(id(4), Map.of("at", value("2026-01-01")), 1f, 1f),
                point(id(5), Map.of("at", value("not a date")), 1f, 1f),
                point(id(6), Map.of("at", value(17)), 1f, 1f))));
        Instant cut = Instant.parse("2026-01-02T03:04:05.500Z");
        List<String> before = await(client.scrollAsync(ScrollPoints.newBuilder().setCollectionName(dated)
                        .setFilter(must(datetimeRange("at", DatetimeRange.newBuilder().setLt(timestamp(cut)).build())))
                        .setLimit(100).build()))
                .getResultList().stream().map(p -> idText(p.getId())).toList();
        // 05:04:05+02:00 is 03:04:05Z, before the cut; the text and the number are no datetimes
        assertThat(before).containsExactlyInAnyOrder("1", "2", "4");
        long atOrAfter = await(client.countAsync(dated,
                must(datetimeRange("at", DatetimeRange.newBuilder().setGte(timestamp(cut)).build())), true));
        assertThat(atOrAfter).isEqualTo(1);
    }

    private static Timestamp timestamp(Instant at) {
        return Timestamp.newBuilder().setSeconds(at.getEpochSecond()).setNanos(at.getNano()).build();
    }

    @Test
    void rangesCompareIntegersAndDoubles() {
        assertThat(matching(must(range("price", Range.newBuilder().setGte(9.5).setLt(20).build())))).containsExactly("1");
        assertThat(matching(must(range("price", Range.newBuilder().setGt(9.5).setLte(20).build())))).containsExactly("2");
        assertThat(matching(must(range("count", Range.newBuilder().setGte(5).build())))).containsExactly("1", "2", "3");
    }

    @Test
    void mustShouldMustNotHasIdAndNestedFilters() {
        Filter should = Filter.newBuilder()
                .addShould(matchKeyword("city", "Rome")).addShould(match("open", true)).build();
        assertThat(matching(should)).containsExactly("1", "3");
        Filter mustNot = Filter.newBuilder().addMustNot(hasId(List.of(id(1), id(3)))).build();
        assertThat(matching(mustNot)).containsExactly("2");
        Filter nestedFilter = must(filter(should), filter(Filter.newBuilder().addMustNot(hasId(id(3))).build()));
        assertThat(matching(nestedFilter)).containsExactly("1");
        Filter minShould = Filter.newBuilder().setMinShould(MinShould.newBuilder()
                .addConditions(match("count", 7)).addConditions(matchKeyword("tags", "green"))
                .addConditions(match("open", true)).setMinCount(2)).build();
        assertThat(matching(minShould)).containsExactly("3");
    }

    @Test
    void emptyNullDottedPathsAndArrayElements() {
        assertThat(matching(must(isEmpty("tags")))).containsExactly("2");
        assertThat(matching(must(isEmpty("open")))).containsExactly("3");
        assertThat(matching(must(isNull("note")))).containsExactly("2");
        assertThat(matching(must(matchKeyword("address.zip", "10115")))).containsExactly("1");
        assertThat(matching(must(range("rooms[].size", Range.newBuilder().setGte(30).build())))).containsExactly("1", "2");
    }

    @Test
    void nestedConditionsMatchWithinOneArrayElement() {
        Filter bigBedroom = Filter.newBuilder()
                .addMust(matchKeyword("kind", "bed"))
                .addMust(range("size", Range.newBuilder().setGte(30).build())).build();
        assertThat(matching(must(nested("rooms", bigBedroom)))).containsExactly("2");
        // Without nesting the two conditions may be met by different rooms.
        assertThat(matching(must(matchKeyword("rooms[].kind", "bed"),
                range("rooms[].size", Range.newBuilder().setGte(30).build())))).containsExactly("1", "2");
    }
}
