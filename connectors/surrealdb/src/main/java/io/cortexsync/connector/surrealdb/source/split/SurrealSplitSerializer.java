package io.cortexsync.connector.surrealdb.source.split;

import io.cortexsync.schema.serialization.RecordSerializer;

import org.apache.flink.annotation.Internal;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

import java.io.IOException;

/** Versioned serializer of {@link SurrealSplit}s, for checkpoints and for sending splits to readers. */
@Internal
public final class SurrealSplitSerializer extends RecordSerializer<SurrealSplit> {

    private static final long serialVersionUID = 1L;

    public static final SurrealSplitSerializer INSTANCE = new SurrealSplitSerializer();

    public static final int VERSION_1 = 1;
    /** Adds the snapshot start of a stream split (its SNAPSHOT_DONE markers). */
    public static final int VERSION_2 = 2;
    private static final int CURRENT_VERSION = VERSION_2;

    public SurrealSplitSerializer() {
        super("SurrealSplit", 64);
    }

    @Override
    public int getVersion() {
        return CURRENT_VERSION;
    }

    @Override
    protected void writeCurrentVersion(SurrealSplit split, DataOutputSerializer out) throws IOException {
        SplitDataIo.writeSplit(split, out);
    }

    @Override
    protected SurrealSplit read(int version, DataInputDeserializer in) throws IOException {
        switch (version) {
            case VERSION_1:
            case VERSION_2:
                return SplitDataIo.readSplit(version, in);
            default:
                throw unknownVersion(version);
        }
    }
}
