package io.cortexsync.jobs.dualwrite;

import io.cortexsync.schema.json.SchemaJson;
import io.cortexsync.schema.model.DeadLetter;
import io.cortexsync.schema.model.EntityChange;
import io.cortexsync.schema.model.SyncEvent;
import io.cortexsync.schema.model.VectorChecks;
import io.cortexsync.schema.serialization.SchemaTypes;

import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

import java.time.Instant;
import java.util.Set;

/**
 * Reads the input's {@code EntityChange} JSON. A record that does not parse, names a table the
 * job does not accept, or carries a vector of the wrong length or with a non-finite element is a
 * dead letter with its reason, and answered at once by a DEAD_LETTER event (with the change's
 * request id when it parsed, so that the client waiting on it hears back). The rest go on with
 * their Kafka timestamps, from which the events' latency is measured.
 */
final class ChangeParsing extends ProcessFunction<String, EntityChange> {

    private static final long serialVersionUID = 1L;

    static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("dead-letters", SchemaTypes.DEAD_LETTER);
    static final OutputTag<SyncEvent> DEAD_LETTER_EVENTS = new OutputTag<>("dead-letter-events", SchemaTypes.SYNC_EVENT);

    private final Set<String> tables;
    private final int dimension;

    ChangeParsing(Set<String> tables, int dimension) {
        this.tables = Set.copyOf(tables);
        this.dimension = dimension;
    }

    @Override
    public void processElement(String raw, Context ctx, Collector<EntityChange> out) {
        EntityChange change;
        try {
            change = SchemaJson.ENTITY_CHANGE.read(raw);
        } catch (IllegalArgumentException e) {
            reject(ctx, raw, null, null, "unparsable: " + e.getMessage(), "parse");
            return;
        }
        String problem = problemOf(change);
        if (problem != null) {
            reject(ctx, raw, change.recordId().canonical(), change.requestId(), problem, "validate");
            return;
        }
        out.collect(change);
    }

    private String problemOf(EntityChange change) {
        if (!tables.contains(change.table())) {
            return "table '" + change.table() + "' is not one this job writes (" + String.join(", ", tables) + ")";
        }
        if (change.isDelete()) {
            return null;
        }
        float[] vector = change.entity().vector();
        if (vector.length != dimension) {
            return "vector of dimension " + vector.length + ", expected " + dimension;
        }
        int nonFinite = VectorChecks.firstNonFinite(vector);
        if (nonFinite >= 0) {
            return "vector element " + nonFinite + " is " + vector[nonFinite];
        }
        return null;
    }

    private void reject(Context ctx, String raw, String recordId, String requestId, String reason, String stage) {
        Instant now = Instant.now();
        ctx.output(DEAD_LETTERS, DeadLetter.of(raw, reason, stage, recordId, now));
        Long ingest = ctx.timestamp();
        ctx.output(DEAD_LETTER_EVENTS, SyncEvent.builder()
                .type(SyncEvent.Type.DEAD_LETTER)
                .entityId(recordId)
                .requestId(requestId)
                .detail(reason)
                .attempt(1)
                .latencyMs(ingest == null ? 0 : Math.max(0, now.toEpochMilli() - ingest))
                .time(now)
                .build());
    }
}
