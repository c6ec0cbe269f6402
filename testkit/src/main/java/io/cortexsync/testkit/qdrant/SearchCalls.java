package io.cortexsync.testkit.qdrant;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.qdrant.client.grpc.Points.BatchResult;
import io.qdrant.client.grpc.Points.ScoredPoint;
import io.qdrant.client.grpc.Points.SearchBatchPoints;
import io.qdrant.client.grpc.Points.SearchBatchResponse;
import io.qdrant.client.grpc.Points.SearchPoints;
import io.qdrant.client.grpc.Points.SearchResponse;

import java.util.List;

/** The Search and SearchBatch calls of the Points service. */
final class SearchCalls {

    private SearchCalls() {}

    static void search(CollectionRegistry registry, SearchPoints request, StreamObserver<SearchResponse> observer) {
        long start = System.nanoTime();
        Unary.respond(observer, () -> SearchResponse.newBuilder()
                .addAllResult(run(registry, request, "limit"))
                .setTime(Unary.secondsSince(start))
                .build());
    }

    static void searchBatch(
            CollectionRegistry registry, SearchBatchPoints request, StreamObserver<SearchBatchResponse> observer) {
        long start = System.nanoTime();
        Unary.respond(observer, () -> {
            SearchBatchResponse.Builder response = SearchBatchResponse.newBuilder();
            for (int i = 0; i < request.getSearchPointsCount(); i++) {
                SearchPoints search = request.getSearchPoints(i).toBuilder()
                        .setCollectionName(request.getCollectionName())
                        .build();
                List<ScoredPoint> hits = run(registry, search, "search_points[" + i + "].limit");
                response.addResult(BatchResult.newBuilder().addAllResult(hits));
            }
            return response.setTime(Unary.secondsSince(start)).build();
        });
    }

    private static List<ScoredPoint> run(CollectionRegistry registry, SearchPoints request, String limitField) {
        if (request.getLimit() < 1) {
            throw QdrantErrors.validation(limitField, "value 0 invalid, must be 1 or larger");
        }
        if (request.hasSparseIndices()) {
            throw Status.UNIMPLEMENTED
                    .withDescription("The Qdrant test server does not support sparse vectors")
                    .asRuntimeException();
        }
        StoredCollection collection = registry.require(request.getCollectionName());
        PointView view = PointView.of(
                request.hasWithPayload() ? request.getWithPayload() : null,
                false,
                request.hasWithVectors() ? request.getWithVectors() : null,
                collection.schema());
        VectorSearcher.Query query = new VectorSearcher.Query(
                request.hasVectorName() ? request.getVectorName() : VectorSchema.UNNAMED,
                PointParser.toArray(request.getVectorList()),
                request.hasFilter() ? request.getFilter() : null,
                (int) Math.min(request.getLimit(), Integer.MAX_VALUE / 2),
                request.hasOffset() ? (int) Math.min(request.getOffset(), Integer.MAX_VALUE / 2) : 0,
                request.hasScoreThreshold() ? request.getScoreThreshold() : null);
        return VectorSearcher.search(collection, query, view);
    }
}
