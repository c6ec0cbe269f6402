package io.cortexsync.connector.qdrant.convert;

import io.cortexsync.schema.ids.PointIds;
import io.cortexsync.schema.json.SchemaJson;
import io.cortexsync.schema.model.EntityChange;
import io.qdrant.client.PointIdFactory;

import org.apache.flink.annotation.PublicEvolving;

import java.time.Clock;

/** An {@link EntityChange}: an upsert becomes the entity's point, a delete removes the record's point. */
@PublicEvolving
public final class EntityChangePointConverter implements QdrantPointConverter<EntityChange> {

    private static final long serialVersionUID = 1L;

    private final SyncEntityPointConverter entities;

    public EntityChangePointConverter() {
        this(Clock.systemUTC());
    }

    /** With the clock that stamps {@code _synced_at}. */
    public EntityChangePointConverter(Clock clock) {
        this.entities = new SyncEntityPointConverter(clock);
    }

    @Override
    public QdrantWrite convert(EntityChange change) {
        String recordId = change.recordId().canonical();
        if (change.isDelete()) {
            return QdrantWrite.delete(PointIdFactory.id(PointIds.pointId(change.recordId())), recordId,
                    () -> SchemaJson.ENTITY_CHANGE.writeString(change));
        }
        return QdrantWrite.upsert(entities.encode(change.entity()), recordId,
                () -> SchemaJson.ENTITY_CHANGE.writeString(change));
    }
}
