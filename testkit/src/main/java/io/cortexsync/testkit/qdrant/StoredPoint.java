package io.cortexsync.testkit.qdrant;

import io.qdrant.client.grpc.JsonWithInt.Value;

import java.util.Map;

/**
 * One point as stored: vectors by name (the unnamed vector under ""), already prepared for their
 * metric, and the payload. Immutable; every write replaces the whole record.
 */
record StoredPoint(PointKey id, Map<String, float[]> vectors, Map<String, Value> payload) {

    StoredPoint {
        vectors = Map.copyOf(vectors);
        payload = Map.copyOf(payload);
    }

    StoredPoint withPayload(Map<String, Value> newPayload) {
        return new StoredPoint(id, vectors, newPayload);
    }

    StoredPoint withVectors(Map<String, float[]> newVectors) {
        return new StoredPoint(id, newVectors, payload);
    }
}
