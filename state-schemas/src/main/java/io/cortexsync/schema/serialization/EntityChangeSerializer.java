package io.cortexsync.schema.serialization;

import io.cortexsync.schema.model.EntityChange;

import org.apache.flink.core.io.SimpleVersionedSerialization;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

import java.io.IOException;
import java.time.Instant;

import static io.cortexsync.schema.serialization.BinaryFields.readEnum;
import static io.cortexsync.schema.serialization.BinaryFields.readInstant;
import static io.cortexsync.schema.serialization.BinaryFields.readRecordId;
import static io.cortexsync.schema.serialization.BinaryFields.readString;
import static io.cortexsync.schema.serialization.BinaryFields.writeEnum;
import static io.cortexsync.schema.serialization.BinaryFields.writeInstant;
import static io.cortexsync.schema.serialization.BinaryFields.writeRecordId;
import static io.cortexsync.schema.serialization.BinaryFields.writeString;

/**
 * Versioned binary form of an {@link EntityChange}.
 *
 * <p>Version 1: operation, request id, time, then the record id (DELETE) or the entity with its own
 * {@link SyncEntitySerializer} version and length (UPSERT), so the entity's format can evolve
 * without a new version here.
 *
 * <p>Version 2: as version 1, and a DELETE ends with its optional version (boolean, then i64).
 */
public final class EntityChangeSerializer extends RecordSerializer<EntityChange> {

    private static final long serialVersionUID = 1L;

    public static final int VERSION_1 = 1;
    public static final int VERSION_2 = 2;
    private static final int CURRENT_VERSION = VERSION_2;

    private static final SyncEntitySerializer ENTITY = new SyncEntitySerializer();

    public EntityChangeSerializer() {
        super("EntityChange", 4096);
    }

    @Override
    public int getVersion() {
        return CURRENT_VERSION;
    }

    @Override
    protected void writeCurrentVersion(EntityChange c, DataOutputSerializer out) throws IOException {
        writeEnum(out, c.operation());
        writeString(out, c.requestId());
        writeInstant(out, c.time());
        if (c.isDelete()) {
            writeRecordId(out, c.recordId());
            out.writeBoolean(c.version() != null);
            if (c.version() != null) {
                out.writeLong(c.version());
            }
        } else {
            SimpleVersionedSerialization.writeVersionAndSerialize(ENTITY, c.entity(), out);
        }
    }

    @Override
    protected EntityChange read(int version, DataInputDeserializer in) throws IOException {
        switch (version) {
            case VERSION_1:
                return read(in, false);
            case VERSION_2:
                return read(in, true);
            default:
                throw unknownVersion(version);
        }
    }

    private static EntityChange read(DataInputDeserializer in, boolean deleteVersions) throws IOException {
        EntityChange.Operation op = readEnum(in, EntityChange.Operation.class);
        String requestId = readString(in);
        Instant time = readInstant(in);
        if (op == EntityChange.Operation.DELETE) {
            var id = readRecordId(in);
            Long version = deleteVersions && in.readBoolean() ? in.readLong() : null;
            return EntityChange.delete(requestId, id, version, time);
        }
        return EntityChange.upsert(
                requestId,
                SimpleVersionedSerialization.readVersionAndDeSerialize(ENTITY, in),
                time);
    }
}
