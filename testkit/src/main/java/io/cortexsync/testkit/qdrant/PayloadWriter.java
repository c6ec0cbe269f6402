package io.cortexsync.testkit.qdrant;

import io.grpc.Status;
import io.qdrant.client.grpc.JsonWithInt.Struct;
import io.qdrant.client.grpc.JsonWithInt.Value;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Payload updates. Named points that do not exist are skipped and then reported as Qdrant reports
 * them, after the others were updated.
 */
final class PayloadWriter {

    private PayloadWriter() {}

    /** Shallow merge: given keys replace stored ones, a null value removes the key. */
    static void set(
            StoredCollection collection, PointSelection selection, Map<String, Value> payload, String key) {
        UnaryOperator<Map<String, Value>> change = key == null
                ? stored -> merge(stored, payload)
                : stored -> mergeAt(stored, key.split("\\."), 0, payload);
        update(collection, selection, change);
    }

    static void overwrite(
            StoredCollection collection, PointSelection selection, Map<String, Value> payload, String key) {
        if (key != null) {
            throw Status.UNIMPLEMENTED
                    .withDescription("The Qdrant test server does not support OverwritePayload with a key")
                    .asRuntimeException();
        }
        update(collection, selection, stored -> payload);
    }

    static void deleteKeys(StoredCollection collection, PointSelection selection, List<String> keys) {
        update(collection, selection, stored -> {
            Map<String, Value> result = new HashMap<>(stored);
            for (String path : keys) {
                removeAt(result, path.split("\\."), 0);
            }
            return result;
        });
    }

    static void clear(StoredCollection collection, PointSelection selection) {
        update(collection, selection, stored -> Map.of());
    }

    private static void update(
            StoredCollection collection, PointSelection selection, UnaryOperator<Map<String, Value>> change) {
        PointKey missing = collection.write(points -> {
            PointKey firstMissing = null;
            for (PointKey id : selection.resolve(points)) {
                StoredPoint point = points.get(id);
                if (point == null) {
                    firstMissing = firstMissing == null ? id : firstMissing;
                    continue;
                }
                points.put(id, point.withPayload(change.apply(point.payload())));
            }
            return firstMissing;
        });
        if (missing != null) {
            throw QdrantErrors.pointNotFound(missing);
        }
    }

    static Map<String, Value> merge(Map<String, Value> stored, Map<String, Value> changes) {
        Map<String, Value> result = new HashMap<>(stored);
        changes.forEach((k, v) -> {
            if (FieldConditionMatcher.isNull(v)) {
                result.remove(k);
            } else {
                result.put(k, v);
            }
        });
        return result;
    }

    /** Merges into the object at a dotted key, creating (or replacing non-objects with) objects. */
    private static Map<String, Value> mergeAt(
            Map<String, Value> stored, String[] keys, int depth, Map<String, Value> changes) {
        if (depth == keys.length) {
            return merge(stored, changes);
        }
        Map<String, Value> result = new HashMap<>(stored);
        Value child = stored.get(keys[depth]);
        Map<String, Value> childFields =
                child != null && child.hasStructValue() ? child.getStructValue().getFieldsMap() : Map.of();
        Map<String, Value> merged = mergeAt(childFields, keys, depth + 1, changes);
        result.put(keys[depth], Value.newBuilder().setStructValue(Struct.newBuilder().putAllFields(merged)).build());
        return result;
    }

    private static void removeAt(Map<String, Value> payload, String[] keys, int depth) {
        if (depth == keys.length - 1) {
            payload.remove(keys[depth]);
            return;
        }
        Value child = payload.get(keys[depth]);
        if (child == null || !child.hasStructValue()) {
            return;
        }
        Map<String, Value> fields = new HashMap<>(child.getStructValue().getFieldsMap());
        removeAt(fields, keys, depth + 1);
        payload.put(keys[depth], Value.newBuilder().setStructValue(Struct.newBuilder().putAllFields(fields)).build());
    }
}
