package io.cortexsync.connector.qdrant.convert;

import io.cortexsync.schema.hash.ContentHash;
import io.cortexsync.schema.ids.PointIds;
import io.cortexsync.schema.json.SchemaJson;
import io.cortexsync.schema.model.PayloadFields;
import io.cortexsync.schema.model.SyncEntity;
import io.qdrant.client.PointIdFactory;
import io.qdrant.client.grpc.Points.PointStruct;

import org.apache.flink.annotation.PublicEvolving;

import java.time.Clock;
import java.util.Map;

/**
 * The default conversion of a {@link SyncEntity}: an upsert of the point whose id is the UUIDv5
 * of the record id, with the entity's vector and a payload of its metadata plus the sync fields
 * of {@link PayloadFields} ({@code _version} only when the entity has one). Sync fields win over
 * metadata keys of the same name. The point is written straight into its wire form
 * ({@link PointEncoder}).
 */
@PublicEvolving
public final class SyncEntityPointConverter implements QdrantPointConverter<SyncEntity> {

    private static final long serialVersionUID = 1L;

    private final Clock clock;
    private transient InstantText stamps;
    private transient PointEncoder encoder;

    public SyncEntityPointConverter() {
        this(Clock.systemUTC());
    }

    /** With the clock that stamps {@code _synced_at}. */
    public SyncEntityPointConverter(Clock clock) {
        this.clock = clock;
    }

    @Override
    public QdrantWrite convert(SyncEntity entity) {
        return QdrantWrite.upsert(encode(entity), entity.id().canonical(), () -> SchemaJson.SYNC_ENTITY.writeString(entity));
    }

    /** The point of an entity in its wire form, as upserted. */
    public EncodedPoint encode(SyncEntity entity) {
        String recordId = entity.id().canonical();
        PointEncoder point = encoder().begin();
        for (Map.Entry<String, Object> field : entity.metadata().entrySet()) {
            if (!PayloadFields.ALL.contains(field.getKey())) {
                point.field(field.getKey(), field.getValue());
            }
        }
        point.field(PayloadFields.SURREAL_ID, recordId)
                .field(PayloadFields.TABLE, entity.table())
                .field(PayloadFields.CONTENT_HASH, ContentHash.of(entity));
        if (entity.version() != null) {
            point.field(PayloadFields.VERSION, entity.version());
        }
        point.field(PayloadFields.SYNCED_AT, syncedAt());
        try {
            return point.encode(PointIdFactory.id(PointIds.pointId(entity.id())), entity.vectorView());
        } catch (InvalidPointException e) {
            throw new InvalidPointException(e.getMessage(), recordId);
        }
    }

    /** The point of an entity as a message (parsed from {@link #encode}). */
    public PointStruct point(SyncEntity entity) {
        return encode(entity).toPointStruct();
    }

    private PointEncoder encoder() {
        if (encoder == null) {
            encoder = new PointEncoder();
        }
        return encoder;
    }

    private String syncedAt() {
        InstantText text = stamps;
        if (text == null) {
            text = new InstantText();
            stamps = text;
        }
        return text.format(clock.instant());
    }
}
