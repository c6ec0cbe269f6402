package io.cortexsync.connector.surrealdb.source.convert;

import io.cortexsync.connector.surrealdb.source.changes.Versionstamps;
import io.cortexsync.connector.surrealdb.source.record.SurrealChange;
import io.cortexsync.schema.ids.RecordId;
import io.cortexsync.schema.model.DeadLetter;
import io.cortexsync.schema.model.EntityChange;
import io.cortexsync.schema.serialization.SchemaTypes;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

import java.time.Clock;
import java.time.Instant;

/**
 * Turns what the SurrealSource reads into one ordered stream of {@link EntityChange}s: snapshot
 * reads and upserts become upserts, deletes become deletes, so an upsert and a delete of one record
 * travel in one stream (keyed by record id downstream, they stay in order; two streams to two sinks
 * could swap them).
 *
 * <ul>
 *   <li>{@code requestId} is {@code <versionstamp>:<canonical record id>}: unique per change and the
 *       same when a change is read again after a failover. A snapshot read carries its chunk's high
 *       watermark; a snapshot without the change feed knows none and uses {@code snapshot:<id>}.
 *   <li>{@code time} is the commit time the versionstamp holds (SurrealDB 3.x); where it holds none
 *       (a snapshot without the change feed, SurrealDB 2.x), the time this function saw the change,
 *       just after the source read it.
 *   <li>A record that cannot become an entity (its vector missing, of the wrong type or length,
 *       with NaN or infinite elements, an id the schema refuses, ...) goes to {@link #DEAD_LETTERS}
 *       with the reason and the raw record as JSON, and is counted in {@code deadLetters}.
 *   <li>{@link SurrealChange.Op#SNAPSHOT_DONE} markers go to {@link #SNAPSHOTS}, never to the main
 *       output.
 * </ul>
 *
 * <pre>{@code
 * SingleOutputStreamOperator<EntityChange> changes = source
 *         .process(new EntityChangeConverter(mapping)).uid("to-entity-change");
 * DataStream<DeadLetter> deadLetters = changes.getSideOutput(EntityChangeConverter.DEAD_LETTERS);
 * DataStream<SnapshotDone> snapshots = changes.getSideOutput(EntityChangeConverter.SNAPSHOTS);
 * }</pre>
 */
@PublicEvolving
public final class EntityChangeConverter extends ProcessFunction<SurrealChange, EntityChange>
        implements ResultTypeQueryable<EntityChange> {

    private static final long serialVersionUID = 1L;

    /** The stage named in dead letters. */
    public static final String STAGE = "surrealdb-source:entity-change";

    /** The records that cannot become entities (the same tag as {@link SyncEntityConverter#DEAD_LETTERS}). */
    public static final OutputTag<DeadLetter> DEAD_LETTERS = SyncEntityConverter.DEAD_LETTERS;

    /** One {@link SnapshotDone} per table after each snapshot the change stream follows. */
    public static final OutputTag<SnapshotDone> SNAPSHOTS =
            new OutputTag<>("surrealdb-snapshots", TypeInformation.of(SnapshotDone.class));

    /** The prefix of the request id of a snapshot read that knows no versionstamp. */
    static final String SNAPSHOT_PREFIX = "snapshot:";

    private final SyncEntityMapping mapping;
    private transient Counter deadLetters;
    private transient Clock clock;

    public EntityChangeConverter(SyncEntityMapping mapping) {
        this.mapping = mapping;
    }

    @Override
    public void open(OpenContext openContext) {
        deadLetters = getRuntimeContext().getMetricGroup().counter("deadLetters");
        clock = Clock.systemUTC();
    }

    @Override
    public void processElement(SurrealChange change, Context ctx, Collector<EntityChange> out) {
        if (change.isSnapshotDone()) {
            ctx.output(SNAPSHOTS, new SnapshotDone(change.table(), change.snapshotStartedAt()));
            return;
        }
        Instant now = clock.instant();
        Instant time = Versionstamps.timeOf(change.versionstamp()).orElse(now);
        String requestId = requestId(change);
        if (change.isDelete()) {
            RecordId id;
            try {
                id = change.id().toRecordId();
            } catch (IllegalArgumentException e) {
                deadLetter(ctx, change, "record id: " + e.getMessage(), now);
                return;
            }
            out.collect(EntityChange.delete(requestId, id, time));
            return;
        }
        SyncEntityMapping.Result result = mapping.convert(change, now);
        if (result.ok()) {
            out.collect(EntityChange.upsert(requestId, result.entity(), time));
        } else {
            deadLetter(ctx, change, result.problem(), now);
        }
    }

    /** The schema's serializer, never Kryo. */
    @Override
    public TypeInformation<EntityChange> getProducedType() {
        return SchemaTypes.ENTITY_CHANGE;
    }

    /** {@code <versionstamp>:<canonical id>}, or {@code snapshot:<canonical id>} without a versionstamp. */
    static String requestId(SurrealChange change) {
        return change.versionstamp() > 0
                ? change.versionstamp() + ":" + change.canonicalId()
                : SNAPSHOT_PREFIX + change.canonicalId();
    }

    private void deadLetter(Context ctx, SurrealChange change, String problem, Instant now) {
        deadLetters.inc();
        ctx.output(DEAD_LETTERS, DeadLetter.of(RawJson.of(change.fields()), problem, STAGE, change.canonicalId(), now));
    }
}
