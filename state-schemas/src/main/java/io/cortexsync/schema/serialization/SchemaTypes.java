package io.cortexsync.schema.serialization;

import io.cortexsync.schema.model.DeadLetter;
import io.cortexsync.schema.model.EntityChange;
import io.cortexsync.schema.model.RepairRecord;
import io.cortexsync.schema.model.SyncEntity;
import io.cortexsync.schema.model.SyncEvent;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/** Flink type information and state serializers for every record, all versioned. */
public final class SchemaTypes {

    public static final TypeInformation<SyncEntity> SYNC_ENTITY =
            SerializerTypeInfo.of(SyncEntity.class, new SyncEntitySerializer());
    public static final TypeInformation<EntityChange> ENTITY_CHANGE =
            SerializerTypeInfo.of(EntityChange.class, new EntityChangeSerializer());
    public static final TypeInformation<SyncEvent> SYNC_EVENT =
            SerializerTypeInfo.of(SyncEvent.class, new SyncEventSerializer());
    public static final TypeInformation<RepairRecord> REPAIR_RECORD =
            SerializerTypeInfo.of(RepairRecord.class, new RepairRecordSerializer());
    public static final TypeInformation<DeadLetter> DEAD_LETTER =
            SerializerTypeInfo.of(DeadLetter.class, new DeadLetterSerializer());

    private SchemaTypes() {}

    /** The state serializer of a record serializer. */
    public static <T> TypeSerializer<T> stateSerializer(RecordSerializer<T> serializer) {
        return new VersionedTypeSerializer<>(serializer);
    }
}
