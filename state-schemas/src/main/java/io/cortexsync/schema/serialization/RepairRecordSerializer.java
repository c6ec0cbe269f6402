package io.cortexsync.schema.serialization;

import io.cortexsync.schema.model.RepairRecord;
import io.cortexsync.schema.model.TargetPointId;

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
import static io.cortexsync.schema.serialization.BinaryFields.writeUuid;

/**
 * Versioned binary form of a {@link RepairRecord}.
 *
 * <p>Version 1: kind, entity id?, point id (UUID), table, partition, source hash?, target hash?,
 * time, action. Version 2: the point id is a tag byte (0: a UUID follows, 1: an unsigned 64-bit
 * number follows) and the table is nullable (an orphan point without {@code _table}).
 */
public final class RepairRecordSerializer extends RecordSerializer<RepairRecord> {

    private static final long serialVersionUID = 1L;

    public static final int VERSION_1 = 1;
    public static final int VERSION_2 = 2;
    private static final int CURRENT_VERSION = VERSION_2;

    private static final byte UUID_POINT = 0;
    private static final byte NUMBER_POINT = 1;

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
        if (r.pointId().isUuid()) {
            out.writeByte(UUID_POINT);
            writeUuid(out, r.pointId().uuid());
        } else {
            out.writeByte(NUMBER_POINT);
            out.writeLong(r.pointId().number());
        }
        writeNullableString(out, r.table());
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
            case VERSION_2:
                return readV2(in);
            default:
                throw unknownVersion(version);
        }
    }

    private static RepairRecord readV2(DataInputDeserializer in) throws IOException {
        RepairRecord.Builder b = RepairRecord.builder()
                .kind(readEnum(in, RepairRecord.Kind.class))
                .entityId(readNullableString(in));
        byte tag = in.readByte();
        switch (tag) {
            case UUID_POINT:
                b.pointId(readUuid(in));
                break;
            case NUMBER_POINT:
                b.pointId(TargetPointId.ofNumber(in.readLong()));
                break;
            default:
                throw new IOException("RepairRecord: unknown point id tag " + tag);
        }
        return b.table(readNullableString(in))
                .partition(in.readInt())
                .sourceHash(readNullableString(in))
                .targetHash(readNullableString(in))
                .time(readInstant(in))
                .action(readEnum(in, RepairRecord.Action.class))
                .build();
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
