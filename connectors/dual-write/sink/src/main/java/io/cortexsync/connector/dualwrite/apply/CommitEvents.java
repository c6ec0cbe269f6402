package io.cortexsync.connector.dualwrite.apply;

import io.cortexsync.connector.dualwrite.commit.ChangeOutcome;
import io.cortexsync.connector.dualwrite.commit.DualWriteCommittable;
import io.cortexsync.connector.dualwrite.commit.PendingChange;
import io.cortexsync.schema.model.SyncEvent;

import org.apache.flink.annotation.Internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The sync events of a committable: one final event per change, or RETRYING while a store waits. */
@Internal
public final class CommitEvents {

    private CommitEvents() {}

    /** One final event per change, from its outcome; latency from the change's ingest to {@code now}. */
    public static List<SyncEvent> finals(DualWriteCommittable committable, List<ChangeOutcome> outcomes, Instant now) {
        List<SyncEvent> events = new ArrayList<>(outcomes.size());
        for (int i = 0; i < committable.changes().size(); i++) {
            ChangeOutcome outcome = outcomes.get(i);
            events.add(event(committable.changes().get(i), typeOf(outcome.kind()), outcome.detail(), 1, now));
        }
        return events;
    }

    /** A RETRYING event for each change still waiting for Qdrant, with the attempt that failed. */
    public static List<SyncEvent> retrying(DualWriteCommittable committable, List<ChangeOutcome> outcomes, int attempt, String reason, Instant now) {
        List<SyncEvent> events = new ArrayList<>();
        for (int i = 0; i < committable.changes().size(); i++) {
            if (outcomes.get(i).kind() == ChangeOutcome.Kind.APPLIED) {
                events.add(event(committable.changes().get(i), SyncEvent.Type.RETRYING, "qdrant: " + reason, attempt, now));
            }
        }
        return events;
    }

    /** A RETRYING event for each change of a batch whose SurrealDB half waits, with the attempt that failed. */
    public static List<SyncEvent> retryingSurreal(DualWriteCommittable committable, int attempt, String reason, Instant now) {
        List<SyncEvent> events = new ArrayList<>(committable.changes().size());
        for (PendingChange pending : committable.changes()) {
            events.add(event(pending, SyncEvent.Type.RETRYING, "surrealdb: " + reason, attempt, now));
        }
        return events;
    }

    static SyncEvent.Type typeOf(ChangeOutcome.Kind kind) {
        switch (kind) {
            case APPLIED:
                return SyncEvent.Type.SYNCED;
            case CONFLICT:
                return SyncEvent.Type.CONFLICT;
            case COMPENSATED:
                return SyncEvent.Type.COMPENSATED;
            default:
                return SyncEvent.Type.FAILED;
        }
    }

    private static SyncEvent event(PendingChange pending, SyncEvent.Type type, String detail, int attempt, Instant now) {
        return SyncEvent.builder()
                .type(type)
                .entityId(pending.change().recordId().canonical())
                .requestId(pending.change().requestId())
                .detail(detail)
                .attempt(attempt)
                .latencyMs(Math.max(0, now.toEpochMilli() - pending.ingestMillis()))
                .time(now)
                .build();
    }
}
