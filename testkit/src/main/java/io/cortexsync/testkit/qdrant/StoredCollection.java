package io.cortexsync.testkit.qdrant;

import io.qdrant.client.grpc.Collections.CollectionConfig;
import io.qdrant.client.grpc.Collections.PayloadSchemaInfo;

import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;

/**
 * One collection: its vector schema, its configuration as reported by GetCollectionInfo, its
 * payload indexes and its points in id order. A write applies a whole request under one lock, so
 * concurrent writers never see half a batch.
 */
final class StoredCollection {

    private final String name;
    private final VectorSchema schema;
    private final NavigableMap<PointKey, StoredPoint> points = new TreeMap<>();
    private final Map<String, PayloadSchemaInfo> payloadIndexes = new TreeMap<>();
    private final AtomicLong operationIds = new AtomicLong();
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private CollectionConfig config;

    StoredCollection(String name, VectorSchema schema, CollectionConfig config) {
        this.name = name;
        this.schema = schema;
        this.config = config;
    }

    String name() {
        return name;
    }

    VectorSchema schema() {
        return schema;
    }

    /** Qdrant numbers every accepted update; clients may log it. */
    long nextOperationId() {
        return operationIds.getAndIncrement();
    }

    <T> T read(Function<NavigableMap<PointKey, StoredPoint>, T> reader) {
        lock.readLock().lock();
        try {
            return reader.apply(points);
        } finally {
            lock.readLock().unlock();
        }
    }

    <T> T write(Function<NavigableMap<PointKey, StoredPoint>, T> writer) {
        lock.writeLock().lock();
        try {
            return writer.apply(points);
        } finally {
            lock.writeLock().unlock();
        }
    }

    CollectionConfig config() {
        return read(p -> config);
    }

    void updateConfig(Function<CollectionConfig, CollectionConfig> change) {
        write(
                p -> {
                    config = change.apply(config);
                    return null;
                });
    }

    Map<String, PayloadSchemaInfo> payloadIndexes() {
        return read(p -> Map.copyOf(payloadIndexes));
    }

    void putPayloadIndex(String field, PayloadSchemaInfo info) {
        write(p -> payloadIndexes.put(field, info));
    }

    void removePayloadIndex(String field) {
        write(p -> payloadIndexes.remove(field));
    }
}
