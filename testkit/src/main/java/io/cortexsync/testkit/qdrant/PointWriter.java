package io.cortexsync.testkit.qdrant;

import io.cortexsync.testkit.qdrant.PointParser.ParsedPoint;
import io.qdrant.client.grpc.Common.Filter;
import io.qdrant.client.grpc.Points.UpdateMode;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.function.BiFunction;

/**
 * Point upserts and deletes. Checks Qdrant makes before accepting an update run first and always
 * fail the call; checks Qdrant makes while applying it are in {@link #upsert} and fail the call
 * only when the caller waits (see {@link UpdateRunner}).
 */
final class PointWriter {

    private PointWriter() {}

    /** Qdrant's early check, made even when the caller does not wait. */
    static void checkDimensions(VectorSchema schema, List<ParsedPoint> points) {
        for (ParsedPoint point : points) {
            checkDimensions(schema, point.vectors());
        }
    }

    static void checkDimensions(VectorSchema schema, Map<String, float[]> vectors) {
        vectors.forEach((name, vector) -> {
            VectorSpace space = schema.find(name);
            if (space != null && space.size() != vector.length) {
                throw QdrantErrors.wrongDimension(space.size(), vector.length, name);
            }
        });
    }

    /** Vectors as stored: checked against the schema and prepared for their metric. */
    static Map<String, float[]> prepare(VectorSchema schema, Map<String, float[]> vectors) {
        Map<String, float[]> prepared = new HashMap<>();
        vectors.forEach((name, vector) -> {
            float[] stored = schema.require(name).metric().prepare(vector);
            // a metric that keeps the vector as it is returns its argument: store a copy of it, not the caller's array
            prepared.put(name, stored == vector ? vector.clone() : stored);
        });
        return prepared;
    }

    /**
     * Applies the batch in order, so a repeated id ends with its last version. With an update
     * filter or mode, points are skipped the way Qdrant's conditional upsert skips them.
     */
    static void upsert(
            StoredCollection collection, List<ParsedPoint> batch, UpdateMode mode, Filter updateFilter) {
        VectorSchema schema = collection.schema();
        List<StoredPoint> prepared =
                batch.stream()
                        .map(p -> new StoredPoint(p.id(), prepare(schema, p.vectors()), p.payload()))
                        .toList();
        collection.write(points -> {
            for (StoredPoint point : prepared) {
                if (admitted(points, point.id(), mode, updateFilter)) {
                    points.put(point.id(), point);
                }
            }
            return null;
        });
    }

    private static boolean admitted(
            NavigableMap<PointKey, StoredPoint> points, PointKey id, UpdateMode mode, Filter updateFilter) {
        if (updateFilter == null && mode != UpdateMode.InsertOnly && mode != UpdateMode.UpdateOnly) {
            return true; // a plain upsert: no need to look the point up first
        }
        StoredPoint existing = points.get(id);
        boolean excludedByFilter =
                existing != null && updateFilter != null && !FilterMatcher.matches(updateFilter, existing);
        switch (mode) {
            case InsertOnly:
                return existing == null;
            case UpdateOnly:
                return existing != null && !excludedByFilter;
            default:
                return !excludedByFilter;
        }
    }

    static void delete(StoredCollection collection, PointSelection selection) {
        collection.write(points -> {
            for (PointKey id : selection.resolve(points)) {
                points.remove(id);
            }
            return null;
        });
    }

    /** Replaces the given vectors of existing points; the other vectors stay. */
    static void updateVectors(StoredCollection collection, Map<PointKey, Map<String, float[]>> updates) {
        VectorSchema schema = collection.schema();
        Map<PointKey, Map<String, float[]>> prepared = new LinkedHashMap<>();
        updates.forEach((id, vectors) -> prepared.put(id, prepare(schema, vectors)));
        changeVectors(collection, List.copyOf(prepared.keySet()), (id, stored) -> {
            Map<String, float[]> merged = new HashMap<>(stored);
            merged.putAll(prepared.get(id));
            return merged;
        });
    }

    static void deleteVectors(StoredCollection collection, PointSelection selection, List<String> names) {
        names.forEach(collection.schema()::require);
        collection.write(points -> {
            changeVectors(points, selection.resolve(points), (id, stored) -> {
                Map<String, float[]> kept = new HashMap<>(stored);
                names.forEach(kept::remove);
                return kept;
            });
            return null;
        });
    }

    private static void changeVectors(
            StoredCollection collection,
            List<PointKey> ids,
            BiFunction<PointKey, Map<String, float[]>, Map<String, float[]>> change) {
        collection.write(points -> {
            changeVectors(points, ids, change);
            return null;
        });
    }

    private static void changeVectors(
            NavigableMap<PointKey, StoredPoint> points,
            List<PointKey> ids,
            BiFunction<PointKey, Map<String, float[]>, Map<String, float[]>> change) {
        PointKey firstMissing = null;
        for (PointKey id : ids) {
            StoredPoint point = points.get(id);
            if (point == null) {
                firstMissing = firstMissing == null ? id : firstMissing;
                continue;
            }
            points.put(id, point.withVectors(change.apply(id, point.vectors())));
        }
        if (firstMissing != null) {
            throw QdrantErrors.pointNotFound(firstMissing);
        }
    }
}
