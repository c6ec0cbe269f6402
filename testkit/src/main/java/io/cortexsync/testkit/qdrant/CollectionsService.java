package io.cortexsync.testkit.qdrant;

import io.grpc.stub.StreamObserver;
import io.qdrant.client.grpc.Collections.CollectionDescription;
import io.qdrant.client.grpc.Collections.CollectionExists;
import io.qdrant.client.grpc.Collections.CollectionExistsRequest;
import io.qdrant.client.grpc.Collections.CollectionExistsResponse;
import io.qdrant.client.grpc.Collections.CollectionOperationResponse;
import io.qdrant.client.grpc.Collections.CreateCollection;
import io.qdrant.client.grpc.Collections.DeleteCollection;
import io.qdrant.client.grpc.Collections.GetCollectionInfoRequest;
import io.qdrant.client.grpc.Collections.GetCollectionInfoResponse;
import io.qdrant.client.grpc.Collections.ListCollectionsRequest;
import io.qdrant.client.grpc.Collections.ListCollectionsResponse;
import io.qdrant.client.grpc.Collections.UpdateCollection;
import io.qdrant.client.grpc.Collections.VectorsConfig;
import io.qdrant.client.grpc.CollectionsGrpc;

import java.util.function.Supplier;

/** Qdrant's Collections service: create, update, delete, info, list and exists. */
final class CollectionsService extends CollectionsGrpc.CollectionsImplBase {

    private final CollectionRegistry registry;

    CollectionsService(CollectionRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void create(CreateCollection request, StreamObserver<CollectionOperationResponse> observer) {
        operation(observer, () -> {
            String name = checkName(request.getCollectionName());
            VectorSchema schema = VectorSchema.of(
                    request.hasVectorsConfig() ? request.getVectorsConfig() : VectorsConfig.getDefaultInstance());
            registry.add(new StoredCollection(name, schema, CollectionConfigs.fromCreate(request)));
            return true;
        });
    }

    @Override
    public void update(UpdateCollection request, StreamObserver<CollectionOperationResponse> observer) {
        operation(observer, () -> {
            registry.require(request.getCollectionName())
                    .updateConfig(config -> CollectionConfigs.applyUpdate(config, request));
            return true;
        });
    }

    /** Deleting a collection that does not exist answers false, not an error. */
    @Override
    public void delete(DeleteCollection request, StreamObserver<CollectionOperationResponse> observer) {
        operation(observer, () -> registry.remove(request.getCollectionName()));
    }

    @Override
    public void get(GetCollectionInfoRequest request, StreamObserver<GetCollectionInfoResponse> observer) {
        long start = System.nanoTime();
        Unary.respond(observer, () -> GetCollectionInfoResponse.newBuilder()
                .setResult(CollectionConfigs.info(registry.require(request.getCollectionName())))
                .setTime(Unary.secondsSince(start))
                .build());
    }

    @Override
    public void list(ListCollectionsRequest request, StreamObserver<ListCollectionsResponse> observer) {
        long start = System.nanoTime();
        Unary.respond(observer, () -> {
            ListCollectionsResponse.Builder response = ListCollectionsResponse.newBuilder();
            registry.names().forEach(n -> response.addCollections(CollectionDescription.newBuilder().setName(n)));
            return response.setTime(Unary.secondsSince(start)).build();
        });
    }

    @Override
    public void collectionExists(CollectionExistsRequest request, StreamObserver<CollectionExistsResponse> observer) {
        long start = System.nanoTime();
        Unary.respond(observer, () -> CollectionExistsResponse.newBuilder()
                .setResult(CollectionExists.newBuilder().setExists(registry.exists(request.getCollectionName())))
                .setTime(Unary.secondsSince(start))
                .build());
    }

    private static String checkName(String name) {
        if (name.isEmpty() || name.length() > 255) {
            throw QdrantErrors.validation("collection_name", "must be from 1 to 255 characters");
        }
        return name;
    }

    private static void operation(StreamObserver<CollectionOperationResponse> observer, Supplier<Boolean> handler) {
        long start = System.nanoTime();
        Unary.respond(observer, () -> CollectionOperationResponse.newBuilder()
                .setResult(handler.get())
                .setTime(Unary.secondsSince(start))
                .build());
    }
}
