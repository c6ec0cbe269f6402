package io.cortexsync.jobs.migrate;

import io.cortexsync.connector.qdrant.convert.InvalidPointException;
import io.cortexsync.connector.qdrant.convert.SyncEntityPointConverter;
import io.cortexsync.connector.qdrant.sink.QdrantSinkOutcomeListener;
import io.cortexsync.schema.json.SchemaJson;
import io.cortexsync.schema.model.DeadLetter;
import io.cortexsync.schema.model.SyncEntity;
import io.cortexsync.schema.serialization.SchemaTypes;

import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

import java.time.Instant;

/**
 * In a dry run, builds each entity's point as the sink would, so that a record the sink would
 * refuse (a payload value Qdrant cannot hold) is reported as a would-be dead letter; passes the
 * others on. Nothing is sent anywhere.
 */
public final class DryRunPointCheck extends ProcessFunction<SyncEntity, SyncEntity> {

    private static final long serialVersionUID = 1L;

    public static final OutputTag<DeadLetter> REFUSED = new OutputTag<>("dry-run-refused", SchemaTypes.DEAD_LETTER);

    private final SyncEntityPointConverter converter = new SyncEntityPointConverter();

    @Override
    public void processElement(SyncEntity entity, Context ctx, Collector<SyncEntity> out) {
        try {
            converter.convert(entity);
            out.collect(entity);
        } catch (InvalidPointException e) {
            ctx.output(REFUSED, DeadLetter.of(SchemaJson.SYNC_ENTITY.writeString(entity), e.getMessage(),
                    QdrantSinkOutcomeListener.STAGE, entity.id().canonical(), Instant.now()));
        }
    }
}
