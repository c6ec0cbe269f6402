package io.cortexsync.jobs.reconcile.compare;

import io.cortexsync.connector.qdrant.client.QdrantConnection;
import io.cortexsync.jobs.reconcile.element.SideElement;
import io.cortexsync.jobs.reconcile.element.TargetElementDeserializer;
import io.cortexsync.jobs.reconcile.element.TargetElements;
import io.cortexsync.jobs.reconcile.repair.PointLookup;
import io.cortexsync.schema.ids.PointIds;
import io.cortexsync.schema.model.PayloadFields;
import io.cortexsync.schema.model.TargetPointId;

import io.qdrant.client.PointIdFactory;
import io.qdrant.client.WithPayloadSelectorFactory;
import io.qdrant.client.WithVectorsSelectorFactory;
import io.qdrant.client.grpc.Common.PointId;
import io.qdrant.client.grpc.Points.RetrievedPoint;
import io.qdrant.client.grpc.Points.ScrollPoints;
import io.qdrant.client.grpc.Points.ScrollResponse;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reads one partition of a Qdrant collection again, as a continuous reconciliation does once per
 * cycle: a scroll over the partition's contiguous id range (the numeric ids, which Qdrant orders
 * first, with partition 0), payload ids and hashes only; and, for a re-check, chosen points by id.
 * Points of other tables are left out.
 */
final class PartitionScan {

    private static final String[] FIELDS = {PayloadFields.SURREAL_ID, PayloadFields.TABLE, PayloadFields.CONTENT_HASH};

    private final QdrantConnection qdrant;
    private final String collection;
    private final int pageSize;
    private final Duration timeout;
    private final int partitionBits;
    private final int leafBits;
    private final Set<String> tables;
    /** Bytes of the responses read so far (the protobuf messages, as the Qdrant source counts them). */
    private long bytesRead;

    PartitionScan(QdrantConnection qdrant, String collection, int pageSize, Duration timeout, int partitionBits,
            int leafBits, Set<String> tables) {
        this.qdrant = qdrant;
        this.collection = collection;
        this.pageSize = pageSize;
        this.timeout = timeout;
        this.partitionBits = partitionBits;
        this.leafBits = leafBits;
        this.tables = tables;
    }

    /** Every point of {@code partition} now. */
    List<SideElement> scan(int partition) throws InterruptedException {
        UUID last = PointIds.lastIdOfPartition(partition, partitionBits);
        PointId offset = partition == 0 ? PointIdFactory.id(0L) : PointIdFactory.id(PointIds.firstIdOfPartition(partition, partitionBits));
        List<SideElement> points = new ArrayList<>();
        while (offset != null) {
            ScrollResponse page = call(qdrant.client().scrollAsync(ScrollPoints.newBuilder()
                    .setCollectionName(collection)
                    .setOffset(offset)
                    .setLimit(pageSize)
                    .setWithPayload(WithPayloadSelectorFactory.include(List.of(FIELDS)))
                    .setWithVectors(WithVectorsSelectorFactory.enable(false))
                    .build(), timeout));
            bytesRead += page.getSerializedSize();
            offset = page.hasNextPageOffset() ? page.getNextPageOffset() : null;
            for (RetrievedPoint point : page.getResultList()) {
                SideElement element = TargetElementDeserializer.element(point, partitionBits, leafBits);
                if (!element.numericId && PointIds.compareUnsigned(element.pointId().uuid(), last) > 0) {
                    return points;
                }
                if (TargetElements.belongs(element, tables)) {
                    points.add(element);
                }
            }
        }
        return points;
    }

    /** The points of these ids that exist now. */
    List<SideElement> retrieve(Collection<TargetPointId> ids) throws InterruptedException {
        List<PointId> grpcIds = new ArrayList<>(ids.size());
        ids.forEach(id -> grpcIds.add(PointLookup.grpcId(id)));
        List<SideElement> points = new ArrayList<>();
        for (RetrievedPoint point : call(qdrant.client().retrieveAsync(collection, grpcIds,
                WithPayloadSelectorFactory.include(List.of(FIELDS)), WithVectorsSelectorFactory.enable(false), null, timeout))) {
            bytesRead += point.getSerializedSize();
            SideElement element = TargetElementDeserializer.element(point, partitionBits, leafBits);
            if (TargetElements.belongs(element, tables)) {
                points.add(element);
            }
        }
        return points;
    }

    long bytesRead() {
        return bytesRead;
    }

    private <T> T call(com.google.common.util.concurrent.ListenableFuture<T> future) throws InterruptedException {
        try {
            return future.get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            future.cancel(true);
            throw new IllegalStateException("Qdrant did not answer a read of collection '" + collection + "': "
                    + (e.getCause() != null ? e.getCause().getMessage() : e), e);
        }
    }
}
