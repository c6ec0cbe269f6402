package io.cortexsync.jobs.events;

import io.cortexsync.schema.model.DeadLetter;
import io.cortexsync.schema.model.SyncEvent;

import org.apache.flink.api.common.functions.MapFunction;

/**
 * A change the job could not make an entity of, as its DEAD_LETTER event. It never became a
 * request, so its request id is made from the record and the dead letter's time; a consumer sees
 * it once, as the events are exactly-once.
 */
public final class DeadLetterEvents implements MapFunction<DeadLetter, SyncEvent> {

    private static final long serialVersionUID = 1L;

    @Override
    public SyncEvent map(DeadLetter deadLetter) {
        String recordId = deadLetter.recordId();
        return SyncEvent.builder()
                .type(SyncEvent.Type.DEAD_LETTER)
                .entityId(recordId)
                .requestId("dead-letter:" + deadLetter.time().toEpochMilli() + ":" + (recordId == null ? "unknown" : recordId))
                .detail(deadLetter.reason())
                .time(deadLetter.time())
                .build();
    }
}
