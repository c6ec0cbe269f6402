package io.cortexsync.jobs.cdc;

import io.cortexsync.connector.qdrant.sink.QdrantConfirmedWrites;
import io.cortexsync.connector.qdrant.sink.QdrantWriteOutcomeMapper;
import io.cortexsync.jobs.events.SyncEventCounting;
import io.cortexsync.schema.model.DeadLetter;
import io.cortexsync.schema.model.EntityChange;
import io.cortexsync.schema.model.SyncEvent;

import java.time.Duration;
import java.time.Instant;

/**
 * A change's outcome in Qdrant as a {@link SyncEvent}: SYNCED once Qdrant confirmed the write,
 * FAILED when Qdrant refused it, DEAD_LETTER when the sink's own checks refused the point. The
 * latency runs from the change's commit in SurrealDB to the outcome.
 */
public final class SyncEventOutcomes implements QdrantWriteOutcomeMapper<EntityChange, SyncEvent> {

    private static final long serialVersionUID = 1L;

    /** The detail of a SYNCED upsert. */
    public static final String UPSERTED = SyncEventCounting.UPSERTED;

    /** The detail of a SYNCED delete. */
    public static final String DELETED = SyncEventCounting.DELETED;

    @Override
    public SyncEvent written(EntityChange change, Instant confirmedAt) {
        return event(change, SyncEvent.Type.SYNCED, change.isDelete() ? DELETED : UPSERTED, confirmedAt);
    }

    @Override
    public SyncEvent deadLettered(EntityChange change, DeadLetter deadLetter) {
        SyncEvent.Type type = QdrantConfirmedWrites.isRefusal(deadLetter) ? SyncEvent.Type.FAILED : SyncEvent.Type.DEAD_LETTER;
        return event(change, type, deadLetter.reason(), deadLetter.time());
    }

    private static SyncEvent event(EntityChange change, SyncEvent.Type type, String detail, Instant at) {
        return SyncEvent.builder()
                .type(type)
                .entityId(change.recordId().canonical())
                .requestId(change.requestId())
                .detail(detail)
                .attempt(1)
                .latencyMs(Math.max(0L, Duration.between(change.time(), at).toMillis()))
                .time(at)
                .build();
    }
}
