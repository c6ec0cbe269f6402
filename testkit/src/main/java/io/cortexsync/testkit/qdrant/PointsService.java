package io.cortexsync.testkit.qdrant;

import io.cortexsync.testkit.qdrant.PointParser.ParsedPoint;
import io.grpc.stub.StreamObserver;
import io.qdrant.client.grpc.Points.ClearPayloadPoints;
import io.qdrant.client.grpc.Points.CountPoints;
import io.qdrant.client.grpc.Points.CountResponse;
import io.qdrant.client.grpc.Points.CreateFieldIndexCollection;
import io.qdrant.client.grpc.Points.DeleteFieldIndexCollection;
import io.qdrant.client.grpc.Points.DeletePayloadPoints;
import io.qdrant.client.grpc.Points.DeletePointVectors;
import io.qdrant.client.grpc.Points.DeletePoints;
import io.qdrant.client.grpc.Points.GetPoints;
import io.qdrant.client.grpc.Points.GetResponse;
import io.qdrant.client.grpc.Points.PointVectors;
import io.qdrant.client.grpc.Points.PointsOperationResponse;
import io.qdrant.client.grpc.Points.ScrollPoints;
import io.qdrant.client.grpc.Points.SearchBatchPoints;
import io.qdrant.client.grpc.Points.SearchBatchResponse;
import io.qdrant.client.grpc.Points.SearchPoints;
import io.qdrant.client.grpc.Points.SearchResponse;
import io.qdrant.client.grpc.Points.ScrollResponse;
import io.qdrant.client.grpc.Points.SetPayloadPoints;
import io.qdrant.client.grpc.Points.UpdateMode;
import io.qdrant.client.grpc.Points.UpdatePointVectors;
import io.qdrant.client.grpc.Points.UpdateResult;
import io.qdrant.client.grpc.Points.UpsertPoints;
import io.qdrant.client.grpc.PointsGrpc;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * Qdrant's Points service. Writes are handled here, reads by {@link ReadCalls} and searches by
 * {@link SearchCalls}. Each call checks what Qdrant checks before it looks at the collection, then
 * finds the collection, then acts.
 */
final class PointsService extends PointsGrpc.PointsImplBase {

    private final CollectionRegistry registry;
    private final LongAdder upsertedPoints;
    private final QdrantFaults faults;

    PointsService(CollectionRegistry registry, LongAdder upsertedPoints, QdrantFaults faults) {
        this.registry = registry;
        this.upsertedPoints = upsertedPoints;
        this.faults = faults;
    }

    @Override
    public void upsert(UpsertPoints request, StreamObserver<PointsOperationResponse> observer) {
        update(observer, () -> {
            List<ParsedPoint> batch = request.getPointsList().stream().map(PointParser::parse).toList();
            StoredCollection collection = registry.require(request.getCollectionName());
            PointWriter.checkDimensions(collection.schema(), batch);
            faults.checkUpsert(batch.stream().map(ParsedPoint::id).toList());
            UpdateMode mode = request.hasUpdateMode() ? request.getUpdateMode() : UpdateMode.Upsert;
            return UpdateRunner.run(collection, request.getWait(), () -> {
                PointWriter.upsert(collection, batch, mode, request.hasUpdateFilter() ? request.getUpdateFilter() : null);
                upsertedPoints.add(batch.size());
            });
        });
    }

    @Override
    public void delete(DeletePoints request, StreamObserver<PointsOperationResponse> observer) {
        update(observer, () -> {
            PointSelection selection = PointSelection.of(request.hasPoints() ? request.getPoints() : null);
            StoredCollection collection = registry.require(request.getCollectionName());
            return UpdateRunner.run(collection, request.getWait(), () -> PointWriter.delete(collection, selection));
        });
    }

    @Override
    public void updateVectors(UpdatePointVectors request, StreamObserver<PointsOperationResponse> observer) {
        update(observer, () -> {
            Map<PointKey, Map<String, float[]>> updates = new LinkedHashMap<>();
            for (PointVectors point : request.getPointsList()) {
                if (!point.hasId()) {
                    throw QdrantErrors.invalidArgument("Empty ID is not allowed");
                }
                updates.put(PointKey.from(point.getId()), PointParser.parseVectors(point.getVectors()));
            }
            StoredCollection collection = registry.require(request.getCollectionName());
            updates.values().forEach(v -> PointWriter.checkDimensions(collection.schema(), v));
            return UpdateRunner.run(
                    collection, request.getWait(), () -> PointWriter.updateVectors(collection, updates));
        });
    }

    @Override
    public void deleteVectors(DeletePointVectors request, StreamObserver<PointsOperationResponse> observer) {
        update(observer, () -> {
            PointSelection selection =
                    PointSelection.of(request.hasPointsSelector() ? request.getPointsSelector() : null);
            StoredCollection collection = registry.require(request.getCollectionName());
            List<String> names = request.getVectors().getNamesList();
            return UpdateRunner.run(collection, request.getWait(),
                    () -> PointWriter.deleteVectors(collection, selection, names));
        });
    }

    @Override
    public void setPayload(SetPayloadPoints request, StreamObserver<PointsOperationResponse> observer) {
        payloadUpdate(request, observer, (collection, selection) -> () -> PayloadWriter.set(
                collection, selection, request.getPayloadMap(), request.hasKey() ? request.getKey() : null));
    }

    @Override
    public void overwritePayload(SetPayloadPoints request, StreamObserver<PointsOperationResponse> observer) {
        payloadUpdate(request, observer, (collection, selection) -> () -> PayloadWriter.overwrite(
                collection, selection, request.getPayloadMap(), request.hasKey() ? request.getKey() : null));
    }

    private void payloadUpdate(
            SetPayloadPoints request,
            StreamObserver<PointsOperationResponse> observer,
            BiFunction<StoredCollection, PointSelection, Runnable> action) {
        update(observer, () -> {
            PointSelection selection =
                    PointSelection.of(request.hasPointsSelector() ? request.getPointsSelector() : null);
            StoredCollection collection = registry.require(request.getCollectionName());
            return UpdateRunner.run(collection, request.getWait(), action.apply(collection, selection));
        });
    }

    @Override
    public void deletePayload(DeletePayloadPoints request, StreamObserver<PointsOperationResponse> observer) {
        update(observer, () -> {
            PointSelection selection =
                    PointSelection.of(request.hasPointsSelector() ? request.getPointsSelector() : null);
            StoredCollection collection = registry.require(request.getCollectionName());
            return UpdateRunner.run(collection, request.getWait(),
                    () -> PayloadWriter.deleteKeys(collection, selection, request.getKeysList()));
        });
    }

    @Override
    public void clearPayload(ClearPayloadPoints request, StreamObserver<PointsOperationResponse> observer) {
        update(observer, () -> {
            PointSelection selection = PointSelection.of(request.hasPoints() ? request.getPoints() : null);
            StoredCollection collection = registry.require(request.getCollectionName());
            return UpdateRunner.run(collection, request.getWait(), () -> PayloadWriter.clear(collection, selection));
        });
    }

    @Override
    public void createFieldIndex(CreateFieldIndexCollection request, StreamObserver<PointsOperationResponse> observer) {
        update(observer, () -> {
            StoredCollection collection = registry.require(request.getCollectionName());
            PayloadIndexes.create(collection, request);
            return UpdateRunner.run(collection, request.getWait(), () -> {});
        });
    }

    @Override
    public void deleteFieldIndex(DeleteFieldIndexCollection request, StreamObserver<PointsOperationResponse> observer) {
        update(observer, () -> {
            StoredCollection collection = registry.require(request.getCollectionName());
            collection.removePayloadIndex(request.getFieldName());
            return UpdateRunner.run(collection, request.getWait(), () -> {});
        });
    }

    @Override
    public void get(GetPoints request, StreamObserver<GetResponse> observer) {
        ReadCalls.get(registry, request, observer);
    }

    @Override
    public void scroll(ScrollPoints request, StreamObserver<ScrollResponse> observer) {
        ReadCalls.scroll(registry, request, observer);
    }

    @Override
    public void count(CountPoints request, StreamObserver<CountResponse> observer) {
        ReadCalls.count(registry, request, observer);
    }

    @Override
    public void search(
            SearchPoints request,
            StreamObserver<SearchResponse> observer) {
        SearchCalls.search(registry, request, observer);
    }

    @Override
    public void searchBatch(
            SearchBatchPoints request,
            StreamObserver<SearchBatchResponse> observer) {
        SearchCalls.searchBatch(registry, request, observer);
    }

    private static void update(StreamObserver<PointsOperationResponse> observer, Supplier<UpdateResult> handler) {
        long start = System.nanoTime();
        Unary.respond(observer, () -> PointsOperationResponse.newBuilder()
                .setResult(handler.get())
                .setTime(Unary.secondsSince(start))
                .build());
    }
}
