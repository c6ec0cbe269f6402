package io.cortexsync.schema.serialization;

import io.cortexsync.schema.model.SyncEvent;

import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

import java.io.IOException;

import static io.cortexsync.schema.serialization.BinaryFields.readEnum;
import static io.cortexsync.schema.serialization.BinaryFields.readInstant;
import static io.cortexsync.schema.serialization.BinaryFields.readNullableString;
import static io.cortexsync.schema.serialization.BinaryFields.readString;
import static io.cortexsync.schema.serialization.BinaryFields.writeEnum;
import static io.cortexsync.schema.serialization.BinaryFields.writeInstant;
import static io.cortexsync.schema.serialization.BinaryFields.writeNullableString;
import static io.cortexsync.schema.serialization.BinaryFields.writeString;

/**
 * Versioned binary form of a {@link SyncEvent}.
 *
 * <p>Version 1: type, entity id?, request id?, detail, attempt, latency, time.
 */
public final class SyncEventSerializer extends RecordSerializer<SyncEvent> {

    private static final long serialVersionUID = 1L;

    public static final int VERSION_1 = 1;
    private static final int CURRENT_VERSION = VERSION_1;

    public SyncEventSerializer() {
        super("SyncEvent", 128);
    }

    @Override
    public int getVersion() {
        return CURRENT_VERSION;
    }

    @Override
    protected void writeCurrentVersion(SyncEvent e, DataOutputSerializer out) throws IOException {
        writeEnum(out, e.type());
        writeNullableString(out, e.entityId());
        writeNullableString(out, e.requestId());
        writeString(out, e.detail());
        out.writeInt(e.attempt());
        out.writeLong(e.latencyMs());
        writeInstant(out, e.time());
    }

    @Override
    protected SyncEvent read(int version, DataInputDeserializer in) throws IOException {
        switch (version) {
            case VERSION_1:
                return readV1(in);
            default:
                throw unknownVersion(version);
        }
    }

    private static SyncEvent readV1(DataInputDeserializer in) throws IOException {
        return SyncEvent.builder()
                .type(readEnum(in, SyncEvent.Type.class))
                .entityId(readNullableString(in))
                .requestId(readNullableString(in))
                .detail(readString(in))
                .attempt(in.readInt())
                .latencyMs(in.readLong())
                .time(readInstant(in))
                .build();
    }
}
