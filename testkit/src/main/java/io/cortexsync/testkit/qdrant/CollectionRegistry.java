package io.cortexsync.testkit.qdrant;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** The collections of one server by name. */
final class CollectionRegistry {

    private final ConcurrentMap<String, StoredCollection> collections = new ConcurrentHashMap<>();

    StoredCollection require(String name) {
        StoredCollection collection = collections.get(name);
        if (collection == null) {
            throw QdrantErrors.collectionNotFound(name);
        }
        return collection;
    }

    boolean exists(String name) {
        return collections.containsKey(name);
    }

    void add(StoredCollection collection) {
        if (collections.putIfAbsent(collection.name(), collection) != null) {
            throw QdrantErrors.collectionExists(collection.name());
        }
    }

    boolean remove(String name) {
        return collections.remove(name) != null;
    }

    List<String> names() {
        return collections.keySet().stream().sorted().toList();
    }
}
