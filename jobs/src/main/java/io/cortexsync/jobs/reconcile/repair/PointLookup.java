package io.cortexsync.jobs.reconcile.repair;

import io.cortexsync.connector.qdrant.client.QdrantConnection;
import io.cortexsync.schema.model.PayloadFields;
import io.cortexsync.schema.model.TargetPointId;

import io.qdrant.client.PointIdFactory;
import io.qdrant.client.WithPayloadSelectorFactory;
import io.qdrant.client.WithVectorsSelectorFactory;
import io.qdrant.client.grpc.Common.PointId;
import io.qdrant.client.grpc.JsonWithInt.Value;
import io.qdrant.client.grpc.Points.RetrievedPoint;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** One Qdrant point's {@code _content_hash} and {@code _surreal_id}, read by id (one request, payload only). */
public final class PointLookup {

    private final QdrantConnection qdrant;
    private final String collection;
    private final Duration timeout;

    public PointLookup(QdrantConnection qdrant, String collection, Duration timeout) {
        this.qdrant = qdrant;
        this.collection = collection;
        this.timeout = timeout;
    }

    public Found lookup(TargetPointId id) throws InterruptedException {
        List<RetrievedPoint> points;
        try {
            points = qdrant.client().retrieveAsync(collection, List.of(grpcId(id)),
                            WithPayloadSelectorFactory.include(List.of(PayloadFields.CONTENT_HASH, PayloadFields.SURREAL_ID)),
                            WithVectorsSelectorFactory.enable(false), null, timeout)
                    .get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Qdrant did not return point " + id + " of collection '" + collection
                    + "': " + (e.getCause() != null ? e.getCause().getMessage() : e), e);
        }
        if (points.isEmpty()) {
            return new Found(false, null, null);
        }
        RetrievedPoint point = points.get(0);
        return new Found(true, text(point.getPayloadMap().get(PayloadFields.CONTENT_HASH)),
                text(point.getPayloadMap().get(PayloadFields.SURREAL_ID)));
    }

    public static PointId grpcId(TargetPointId id) {
        return id.isUuid() ? PointIdFactory.id(id.uuid()) : PointIdFactory.id(id.number());
    }

    private static String text(Value value) {
        return value != null && value.hasStringValue() ? value.getStringValue() : null;
    }

    /** A point as found: whether it exists, and its payload's content hash and record id as stored (null when absent). */
    public record Found(boolean exists, String contentHash, String entityId) {}
}
