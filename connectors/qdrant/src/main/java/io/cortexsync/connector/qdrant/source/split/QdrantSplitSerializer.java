package io.cortexsync.connector.qdrant.source.split;

import io.cortexsync.connector.qdrant.source.QdrantPointId;

import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;
import java.util.UUID;

/** Versioned serializer of {@link QdrantSplit}s, for checkpoints and for sending splits to readers. */
public final class QdrantSplitSerializer implements SimpleVersionedSerializer<QdrantSplit> {

    public static final QdrantSplitSerializer INSTANCE = new QdrantSplitSerializer();

    public static final int VERSION_1 = 1;
    private static final int CURRENT_VERSION = VERSION_1;

    private static final int NO_OFFSET = 0;
    private static final int NUMBER = 1;
    private static final int UUID_ID = 2;

    @Override
    public int getVersion() {
        return CURRENT_VERSION;
    }

    @Override
    public byte[] serialize(QdrantSplit split) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(32);
        write(split, out);
        return out.getCopyOfBuffer();
    }

    @Override
    public QdrantSplit deserialize(int version, byte[] serialized) throws IOException {
        DataInputDeserializer in = new DataInputDeserializer(serialized);
        QdrantSplit split = read(version, in);
        if (in.available() > 0) {
            throw new IOException("QdrantSplit (version " + version + ") has " + in.available() + " trailing bytes");
        }
        return split;
    }

    /** Writes a split in the current version, inside a larger structure. */
    public static void write(QdrantSplit split, DataOutputView out) throws IOException {
        out.writeByte(split.partitionBits());
        out.writeInt(split.partition());
        QdrantPointId offset = split.nextOffset().orElse(null);
        if (offset == null) {
            out.writeByte(NO_OFFSET);
        } else if (offset.isUuid()) {
            out.writeByte(UUID_ID);
            out.writeLong(offset.asUuid().getMostSignificantBits());
            out.writeLong(offset.asUuid().getLeastSignificantBits());
        } else {
            out.writeByte(NUMBER);
            out.writeLong(offset.asNumber());
        }
        out.writeBoolean(split.isFinished());
    }

    /** Reads a split written by {@code version}, inside a larger structure. */
    public static QdrantSplit read(int version, DataInputView in) throws IOException {
        if (version != VERSION_1) {
            throw new IOException("unknown QdrantSplit serializer version " + version
                    + ": this build reads version " + CURRENT_VERSION);
        }
        int partitionBits = in.readUnsignedByte();
        int partition = in.readInt();
        int offsetKind = in.readUnsignedByte();
        QdrantPointId offset;
        switch (offsetKind) {
            case NO_OFFSET:
                offset = null;
                break;
            case NUMBER:
                offset = QdrantPointId.number(in.readLong());
                break;
            case UUID_ID:
                offset = QdrantPointId.uuid(new UUID(in.readLong(), in.readLong()));
                break;
            default:
                throw new IOException("unknown point id kind " + offsetKind);
        }
        boolean finished = in.readBoolean();
        try {
            return new QdrantSplit(partitionBits, partition, offset, finished);
        } catch (IllegalArgumentException e) {
            throw new IOException("invalid QdrantSplit: " + e.getMessage(), e);
        }
    }
}
