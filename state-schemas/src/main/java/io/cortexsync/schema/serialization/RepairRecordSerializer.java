package io.cortexsync.schema.serialization;

import io.cortexsync.schema.model.RepairRecord;

import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

import java.io.IOException;

import static io.cortexsync.schema.serialization.BinaryFields.readEnum;
import static io.cortexsync.schema.serialization.BinaryFields.readInstant;
import static io.cortexsync.schema.serialization.BinaryFields.readNullableString;
import static io.cortexsync.schema.serialization.BinaryFields.readString;
import static io.cortexsync.schema.serialization.BinaryFields.readUuid;
import static io.cortexsync.schema.serialization.BinaryFields.writeEnum;
import static io.cortexsync.schema.serialization.BinaryFields.writeInstant;
import static io.cortexsync.schema.serialization.BinaryFields.writeNullableString;
import static io.cortexsync.schema.serialization.BinaryFields.writeString;
import static io.cortexsync.schema.serialization.BinaryFields.writeUuid;

/**
 * Versioned binary form of a {@link RepairRecord}.
 *
 * <p>Version 1: kind, entity id?, point id, table, partition, source hash?, target hash?, time,
 * action.
 */
public final class RepairRecordSerializer extends RecordSerializer<RepairRecord> {

    private static final long serialVersionUID = 1L;

    public static final int VERSION_1 = 1;
    private static final int CURRENT_VERSION = VERSION_1;

    public RepairRecordSerializer() {
        super("RepairRecord", 160);
    }

    @Override
    public int getVersion() {
        return CURRENT_VERSION;
    }

    @Override
    protected void writeCurrentVersion(RepairRecord r, DataOutputSerializer out) throws IOException {
        writeEnum(out, r.kind());
        writeNullableString(out, r.entityId());
        writeUuid(out, r.pointId());
        writeString(out, r.table());
        out.writeInt(r.partition());
        writeNullableString(out, r.sourceHash());
        writeNullableString(out, r.targetHash());
        writeInstant(out, r.time());
        writeEnum(out, r.action());
    }

    @Override
    protected RepairRecord read(int version, DataInputDeserializer in) throws IOException {
        switch (version) {
            case VERSION_1:
                return readV1(in);
            default:
                throw unknownVersion(version);
        }
    }

    private static RepairRecord readV1(DataInputDeserializer in) throws IOException {
        return RepairRecord.builder()
                .kind(readEnum(in, RepairRecord.Kind.class))
                .entityId(readNullableString(in))
                .pointId(readUuid(in))
                .table(readString(in))
                .partition(in.readInt())
                .sourceHash(readNullableString(in))
                .targetHash(readNullableString(in))
                .time(readInstant(in))
                .action(readEnum(in, RepairRecord.Action.class))
                .build();
    }
}
