package io.cortexsync.connector.surrealdb.source.convert;

import io.cortexsync.connector.surrealdb.source.record.SurrealChange;
import io.cortexsync.schema.model.DeadLetter;
import io.cortexsync.schema.model.SyncEntity;
import io.cortexsync.schema.serialization.SchemaTypes;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

import java.time.Clock;
import java.time.Instant;

/**
 * Turns each record the SurrealSource reads into a {@link SyncEntity}. A record that cannot become
 * one (its vector missing, of the wrong type, with NaN or infinite elements, ...) goes to {@link
 * #DEAD_LETTERS} with the reason and the raw record as JSON, and is counted in {@code
 * deadLetters}; the job goes on.
 *
 * <p>It is meant for bounded snapshots ({@code SNAPSHOT_ONLY}), which read no deletes. A job that
 * follows the change feed uses {@link EntityChangeConverter}, which keeps upserts and deletes in
 * one ordered stream; a delete or a snapshot marker reaching this function fails the job saying so.
 *
 * <pre>{@code
 * SingleOutputStreamOperator<SyncEntity> entities = changes
 *         .process(new SyncEntityConverter(mapping)).returns(SchemaTypes.SYNC_ENTITY);
 * DataStream<DeadLetter> deadLetters = entities.getSideOutput(SyncEntityConverter.DEAD_LETTERS);
 * }</pre>
 */
@PublicEvolving
public final class SyncEntityConverter extends ProcessFunction<SurrealChange, SyncEntity> {

    private static final long serialVersionUID = 1L;

    /** The stage named in dead letters. */
    public static final String STAGE = "surrealdb-source:sync-entity";

    public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("surrealdb-dead-letters", SchemaTypes.DEAD_LETTER);

    private final SyncEntityMapping mapping;
    private transient Counter deadLetters;
    private transient Clock clock;

    public SyncEntityConverter(SyncEntityMapping mapping) {
        this.mapping = mapping;
    }

    @Override
    public void open(OpenContext openContext) {
        deadLetters = getRuntimeContext().getMetricGroup().counter("deadLetters");
        clock = Clock.systemUTC();
    }

    @Override
    public void processElement(SurrealChange change, Context ctx, Collector<SyncEntity> out) {
        if (change.isDelete() || change.isSnapshotDone()) {
            throw new IllegalStateException("SyncEntityConverter converts snapshot reads and upserts; it got a "
                    + change.op() + " of table '" + change.table() + "'. A source that follows the change feed"
                    + " needs EntityChangeConverter, which sends upserts and deletes in one ordered stream.");
        }
        Instant now = clock.instant();
        SyncEntityMapping.Result result = mapping.convert(change, now);
        if (result.ok()) {
            out.collect(result.entity());
        } else {
            deadLetters.inc();
            ctx.output(DEAD_LETTERS, DeadLetter.of(
                    RawJson.of(change.fields()), result.problem(), STAGE, change.canonicalId(), now));
        }
    }
}
