package io.cortexsync.connector.qdrant.source.split;

import io.cortexsync.connector.qdrant.source.QdrantPointId;
import io.cortexsync.schema.serialization.RecordSerializer;

import org.apache.flink.annotation.Internal;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;
import java.util.UUID;

/** Versioned serializer of {@link QdrantSplit}s, for checkpoints and for sending splits to readers. */
@Internal
public final class QdrantSplitSerializer extends RecordSerializer<QdrantSplit> {

    private static final long serialVersionUID = 1L;

    public static final QdrantSplitSerializer INSTANCE = new QdrantSplitSerializer();

    public static final int VERSION_1 = 1;
    private static final int CURRENT_VERSION = VERSION_1;

    private static final int NO_OFFSET = 0;
    private static final int NUMBER = 1;
    private static final int UUID_ID = 2;

    public QdrantSplitSerializer() {
        super("QdrantSplit", 32);
    }

    @Override
    public int getVersion() {
        return CURRENT_VERSION;
    }

    @Override
    protected void writeCurrentVersion(QdrantSplit split, DataOutputSerializer out) throws IOException {
        write(split, out);
    }

    @Override
    protected QdrantSplit read(int version, DataInputDeserializer in) throws IOException {
        switch (version) {
            case VERSION_1:
                return readNested(version, in);
            default:
                throw unknownVersion(version);
        }
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
    public static QdrantSplit readNested(int version, DataInputView in) throws IOException {
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
