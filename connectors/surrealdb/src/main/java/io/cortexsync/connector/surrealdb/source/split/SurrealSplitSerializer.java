package io.cortexsync.connector.surrealdb.source.split;

import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

import java.io.IOException;

/** Versioned serializer of {@link SurrealSplit}s, for checkpoints and for sending splits to readers. */
public final class SurrealSplitSerializer implements SimpleVersionedSerializer<SurrealSplit> {

    public static final SurrealSplitSerializer INSTANCE = new SurrealSplitSerializer();

    public static final int VERSION_1 = 1;
    private static final int CURRENT_VERSION = VERSION_1;

    @Override
    public int getVersion() {
        return CURRENT_VERSION;
    }

    @Override
    public byte[] serialize(SurrealSplit split) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        SplitDataIo.writeSplit(split, out);
        return out.getCopyOfBuffer();
    }

    @Override
    public SurrealSplit deserialize(int version, byte[] serialized) throws IOException {
        DataInputDeserializer in = new DataInputDeserializer(serialized);
        SurrealSplit split;
        switch (version) {
            case VERSION_1:
                split = SplitDataIo.readSplitV1(in);
                break;
            default:
                throw new IOException("unknown SurrealSplit serializer version " + version
                        + ": this build reads version " + CURRENT_VERSION);
        }
        if (in.available() > 0) {
            throw new IOException("SurrealSplit (version " + version + ") has " + in.available()
                    + " trailing bytes");
        }
        return split;
    }
}
