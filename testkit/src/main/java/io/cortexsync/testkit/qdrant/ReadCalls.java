package io.cortexsync.testkit.qdrant;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.qdrant.client.grpc.Points.CountPoints;
import io.qdrant.client.grpc.Points.CountResponse;
import io.qdrant.client.grpc.Points.CountResult;
import io.qdrant.client.grpc.Points.GetPoints;
import io.qdrant.client.grpc.Points.GetResponse;
import io.qdrant.client.grpc.Points.ScrollPoints;
import io.qdrant.client.grpc.Points.ScrollResponse;

import java.util.List;

/** The Get (retrieve), Scroll and Count calls of the Points service. */
final class ReadCalls {

    private static final int DEFAULT_SCROLL_LIMIT = 10;

    private ReadCalls() {}

    static void get(CollectionRegistry registry, GetPoints request, StreamObserver<GetResponse> observer) {
        long start = System.nanoTime();
        Unary.respond(observer, () -> {
            List<PointKey> ids = request.getIdsList().stream().map(PointKey::from).toList();
            StoredCollection collection = registry.require(request.getCollectionName());
            PointView view = PointView.of(
                    request.hasWithPayload() ? request.getWithPayload() : null,
                    false,
                    request.hasWithVectors() ? request.getWithVectors() : null,
                    collection.schema());
            return GetResponse.newBuilder()
                    .addAllResult(PointReader.get(collection, ids, view))
                    .setTime(Unary.secondsSince(start))
                    .build();
        });
    }

    /** Payload comes back unless the request says otherwise; no vectors unless asked. */
    static void scroll(CollectionRegistry registry, ScrollPoints request, StreamObserver<ScrollResponse> observer) {
        long start = System.nanoTime();
        Unary.respond(observer, () -> {
            int limit = request.hasLimit() ? request.getLimit() : DEFAULT_SCROLL_LIMIT;
            if (limit == 0) {
                throw QdrantErrors.validation("limit", "value 0 invalid, must be 1 or larger");
            }
            if (request.hasOrderBy()) {
                throw Status.UNIMPLEMENTED
                        .withDescription("The Qdrant test server scrolls by id only, not with order_by")
                        .asRuntimeException();
            }
            PointKey offset = request.hasOffset() ? PointKey.from(request.getOffset()) : null;
            StoredCollection collection = registry.require(request.getCollectionName());
            PointView view = PointView.of(
                    request.hasWithPayload() ? request.getWithPayload() : null,
                    true,
                    request.hasWithVectors() ? request.getWithVectors() : null,
                    collection.schema());
            PointReader.Page page = PointReader.scroll(
                    collection, offset, limit, request.hasFilter() ? request.getFilter() : null, view);
            ScrollResponse.Builder response =
                    ScrollResponse.newBuilder().addAllResult(page.points()).setTime(Unary.secondsSince(start));
            if (page.nextOffset() != null) {
                response.setNextPageOffset(page.nextOffset());
            }
            return response.build();
        });
    }

    /** Always exact, which Qdrant's {@code exact: false} permits. */
    static void count(CollectionRegistry registry, CountPoints request, StreamObserver<CountResponse> observer) {
        long start = System.nanoTime();
        Unary.respond(observer, () -> {
            StoredCollection collection = registry.require(request.getCollectionName());
            long count = PointReader.count(collection, request.hasFilter() ? request.getFilter() : null);
            return CountResponse.newBuilder()
                    .setResult(CountResult.newBuilder().setCount(count))
                    .setTime(Unary.secondsSince(start))
                    .build();
        });
    }
}
