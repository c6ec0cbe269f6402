package io.cortexsync.connector.surrealdb.source.record;

import io.cortexsync.schema.serialization.SerializerTypeInfo;
import io.cortexsync.connector.surrealdb.client.SurrealRecordId;
import io.cortexsync.connector.surrealdb.client.cbor.CborReader;
import io.cortexsync.connector.surrealdb.client.cbor.CborWriter;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Flink serializer of {@link SurrealChange}: keys and field values as CBOR (the client's own codec,
 * so every SurrealDB type survives), vectors as raw floats. Each record starts with its format
 * version so that state written today stays readable.
 */
@Internal
public final class SurrealChangeSerializer extends TypeSerializerSingleton<SurrealChange> {

    private static final long serialVersionUID = 1L;

    static final int VERSION_1 = 1;
    /** Adds {@link SurrealChange.Op#SNAPSHOT_DONE}: the operation first, and markers without a key or fields. */
    static final int VERSION_2 = 2;
    private static final int CURRENT_VERSION = VERSION_2;

    private static final int VALUE_CBOR = 0;
    private static final int VALUE_FLOATS = 1;

    public static final SurrealChangeSerializer INSTANCE = new SurrealChangeSerializer();

    /** The type information of {@link SurrealChange}: this serializer instead of Kryo. */
    public static final TypeInformation<SurrealChange> TYPE_INFO = SerializerTypeInfo.of(SurrealChange.class, INSTANCE);

    @Override
    public boolean isImmutableType() {
        return true;
    }

    @Override
    public SurrealChange createInstance() {
        return null;
    }

    @Override
    public SurrealChange copy(SurrealChange from) {
        return from;
    }

    @Override
    public SurrealChange copy(SurrealChange from, SurrealChange reuse) {
        return from;
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(SurrealChange change, DataOutputView out) throws IOException {
        out.writeByte(CURRENT_VERSION);
        out.writeByte(change.op().ordinal());
        out.writeUTF(change.table());
        out.writeLong(change.versionstamp());
        if (change.isSnapshotDone()) {
            out.writeLong(change.snapshotStartedAt().toEpochMilli());
            return;
        }
        writeBytes(out, CborWriter.encode(change.id().key()));
        Map<String, Object> fields = change.fields();
        out.writeInt(fields == null ? -1 : fields.size());
        if (fields != null) {
            for (Map.Entry<String, Object> field : fields.entrySet()) {
                out.writeUTF(field.getKey());
                if (field.getValue() instanceof float[]) {
                    float[] floats = (float[]) field.getValue();
                    out.writeByte(VALUE_FLOATS);
                    out.writeInt(floats.length);
                    for (float f : floats) {
                        out.writeFloat(f);
                    }
                } else {
                    out.writeByte(VALUE_CBOR);
                    writeBytes(out, CborWriter.encode(field.getValue()));
                }
            }
        }
    }

    @Override
    public SurrealChange deserialize(DataInputView in) throws IOException {
        int version = in.readUnsignedByte();
        switch (version) {
            case VERSION_1:
                return readVersion1(in);
            case VERSION_2:
                return readVersion2(in);
            default:
                throw new IOException("unknown SurrealChange format version " + version
                        + ": this build reads version " + CURRENT_VERSION);
        }
    }

    private static SurrealChange readVersion1(DataInputView in) throws IOException {
        String table = in.readUTF();
        Object key = CborReader.decode(readBytes(in));
        SurrealChange.Op op = op(in.readUnsignedByte());
        if (op == SurrealChange.Op.SNAPSHOT_DONE) {
            throw new IOException("version 1 has no SNAPSHOT_DONE markers");
        }
        long versionstamp = in.readLong();
        return SurrealChange.of(SurrealRecordId.ofKey(table, key), op, readFields(in), versionstamp);
    }

    private static SurrealChange readVersion2(DataInputView in) throws IOException {
        SurrealChange.Op op = op(in.readUnsignedByte());
        String table = in.readUTF();
        long versionstamp = in.readLong();
        if (op == SurrealChange.Op.SNAPSHOT_DONE) {
            return SurrealChange.snapshotDone(table, Instant.ofEpochMilli(in.readLong()), versionstamp);
        }
        Object key = CborReader.decode(readBytes(in));
        return SurrealChange.of(SurrealRecordId.ofKey(table, key), op, readFields(in), versionstamp);
    }

    private static SurrealChange.Op op(int index) throws IOException {
        SurrealChange.Op[] ops = SurrealChange.Op.values();
        if (index >= ops.length) {
            throw new IOException("unknown SurrealChange operation " + index);
        }
        return ops[index];
    }

    private static Map<String, Object> readFields(DataInputView in) throws IOException {
        int count = in.readInt();
        Map<String, Object> fields = null;
        if (count >= 0) {
            fields = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                String name = in.readUTF();
                int kind = in.readUnsignedByte();
                if (kind == VALUE_FLOATS) {
                    float[] floats = new float[in.readInt()];
                    for (int j = 0; j < floats.length; j++) {
                        floats[j] = in.readFloat();
                    }
                    fields.put(name, floats);
                } else if (kind == VALUE_CBOR) {
                    fields.put(name, CborReader.decode(readBytes(in)));
                } else {
                    throw new IOException("unknown value kind " + kind + " of field " + name);
                }
            }
        }
        return fields;
    }

    @Override
    public SurrealChange deserialize(SurrealChange reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView in, DataOutputView out) throws IOException {
        serialize(deserialize(in), out);
    }

    @Override
    public TypeSerializerSnapshot<SurrealChange> snapshotConfiguration() {
        return new Snapshot();
    }

    private static void writeBytes(DataOutputView out, byte[] bytes) throws IOException {
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static byte[] readBytes(DataInputView in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            throw new IOException("negative length " + length);
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return bytes;
    }

    /** Restores the serializer by class; the format version travels in every record. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<SurrealChange> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
