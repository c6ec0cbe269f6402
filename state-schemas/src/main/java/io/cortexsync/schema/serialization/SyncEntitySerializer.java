package io.cortexsync.schema.serialization;

import io.cortexsync.schema.model.SyncEntity;

import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

import java.io.IOException;

import static io.cortexsync.schema.serialization.BinaryFields.readInstant;
import static io.cortexsync.schema.serialization.BinaryFields.readMap;
import static io.cortexsync.schema.serialization.BinaryFields.readRecordId;
import static io.cortexsync.schema.serialization.BinaryFields.readString;
import static io.cortexsync.schema.serialization.BinaryFields.readVector;
import static io.cortexsync.schema.serialization.BinaryFields.writeInstant;
import static io.cortexsync.schema.serialization.BinaryFields.writeMap;
import static io.cortexsync.schema.serialization.BinaryFields.writeRecordId;
import static io.cortexsync.schema.serialization.BinaryFields.writeString;
import static io.cortexsync.schema.serialization.BinaryFields.writeVector;

/**
 * Versioned binary form of a {@link SyncEntity}.
 *
 * <p>Version 1: record id, vector, metadata, timestamp, workspace id, optional version.
 */
public final class SyncEntitySerializer extends RecordSerializer<SyncEntity> {

    private static final long serialVersionUID = 1L;

    public static final int VERSION_1 = 1;
    private static final int CURRENT_VERSION = VERSION_1;

    public SyncEntitySerializer() {
        super("SyncEntity", 4096);
    }

    @Override
    public int getVersion() {
        return CURRENT_VERSION;
    }

    @Override
    protected void writeCurrentVersion(SyncEntity e, DataOutputSerializer out) throws IOException {
        writeRecordId(out, e.id());
        writeVector(out, e.vectorView());
        writeMap(out, e.metadata());
        writeInstant(out, e.timestamp());
        writeString(out, e.workspaceId());
        out.writeBoolean(e.version() != null);
        if (e.version() != null) {
            out.writeLong(e.version());
        }
    }

    @Override
    protected SyncEntity read(int version, DataInputDeserializer in) throws IOException {
        switch (version) {
            case VERSION_1:
                return readV1(in);
            default:
                throw unknownVersion(version);
        }
    }

    private static SyncEntity readV1(DataInputDeserializer in) throws IOException {
        return SyncEntity.builder()
                .id(readRecordId(in))
                .wrapVector(readVector(in))
                .metadata(readMap(in))
                .timestamp(readInstant(in))
                .workspaceId(readString(in))
                .version(in.readBoolean() ? in.readLong() : null)
                .build();
    }
}
