package io.cortexsync.connector.surrealdb.source.enumerator;

import io.cortexsync.connector.surrealdb.source.split.SnapshotSplit;
import io.cortexsync.connector.surrealdb.source.split.SplitDataIo;
import io.cortexsync.connector.surrealdb.source.split.SurrealSplit;
import io.cortexsync.schema.serialization.RecordSerializer;

import org.apache.flink.annotation.Internal;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Versioned serializer of {@link SurrealEnumeratorState}. */
@Internal
public final class SurrealEnumeratorStateSerializer extends RecordSerializer<SurrealEnumeratorState> {

    private static final long serialVersionUID = 1L;

    public static final SurrealEnumeratorStateSerializer INSTANCE = new SurrealEnumeratorStateSerializer();

    public static final int VERSION_1 = 1;
    private static final int CURRENT_VERSION = VERSION_1;

    public SurrealEnumeratorStateSerializer() {
        super("SurrealSource enumerator state", 256);
    }

    @Override
    public int getVersion() {
        return CURRENT_VERSION;
    }

    @Override
    protected void writeCurrentVersion(SurrealEnumeratorState state, DataOutputSerializer out) throws IOException {
        out.writeBoolean(state.chunked());
        out.writeInt(state.chunks().size());
        for (SnapshotSplit chunk : state.chunks()) {
            SplitDataIo.writeSplit(chunk, out);
        }
        out.writeInt(state.unassigned().size());
        for (SurrealSplit split : state.unassigned()) {
            SplitDataIo.writeSplit(split, out);
        }
        out.writeInt(state.finishedHighs().size());
        for (Map.Entry<String, Long> finished : state.finishedHighs().entrySet()) {
            out.writeUTF(finished.getKey());
            out.writeLong(finished.getValue());
        }
        out.writeBoolean(state.streamCreated());
    }

    @Override
    protected SurrealEnumeratorState read(int version, DataInputDeserializer in) throws IOException {
        switch (version) {
            case VERSION_1:
                return readVersion1(in);
            default:
                throw unknownVersion(version);
        }
    }

    private static SurrealEnumeratorState readVersion1(DataInputDeserializer in) throws IOException {
        boolean chunked = in.readBoolean();
        int chunkCount = count(in.readInt());
        List<SnapshotSplit> chunks = new ArrayList<>(chunkCount);
        for (int i = 0; i < chunkCount; i++) {
            SurrealSplit split = SplitDataIo.readSplitV1(in);
            if (!split.isSnapshot()) {
                throw new IOException("a chunk must be a snapshot split: " + split);
            }
            chunks.add(split.asSnapshot());
        }
        int unassignedCount = count(in.readInt());
        List<SurrealSplit> unassigned = new ArrayList<>(unassignedCount);
        for (int i = 0; i < unassignedCount; i++) {
            unassigned.add(SplitDataIo.readSplitV1(in));
        }
        int finishedCount = count(in.readInt());
        Map<String, Long> finished = new LinkedHashMap<>();
        for (int i = 0; i < finishedCount; i++) {
            finished.put(in.readUTF(), in.readLong());
        }
        boolean streamCreated = in.readBoolean();
        return new SurrealEnumeratorState(chunked, chunks, unassigned, finished, streamCreated);
    }

    private static int count(int count) throws IOException {
        if (count < 0) {
            throw new IOException("negative count " + count);
        }
        return count;
    }
}
