package io.cortexsync.connector.surrealdb.source.enumerator;

import io.cortexsync.connector.surrealdb.source.split.SnapshotSplit;
import io.cortexsync.connector.surrealdb.source.split.SplitDataIo;
import io.cortexsync.connector.surrealdb.source.split.SurrealSplit;

import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Versioned serializer of {@link SurrealEnumeratorState}. */
public final class SurrealEnumeratorStateSerializer implements SimpleVersionedSerializer<SurrealEnumeratorState> {

    public static final SurrealEnumeratorStateSerializer INSTANCE = new SurrealEnumeratorStateSerializer();

    public static final int VERSION_1 = 1;
    private static final int CURRENT_VERSION = VERSION_1;

    @Override
    public int getVersion() {
        return CURRENT_VERSION;
    }

    @Override
    public byte[] serialize(SurrealEnumeratorState state) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(256);
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
        return out.getCopyOfBuffer();
    }

    @Override
    public SurrealEnumeratorState deserialize(int version, byte[] serialized) throws IOException {
        DataInputDeserializer in = new DataInputDeserializer(serialized);
        SurrealEnumeratorState state;
        switch (version) {
            case VERSION_1:
                state = readVersion1(in);
                break;
            default:
                throw new IOException("unknown SurrealSource enumerator state version " + version
                        + ": this build reads version " + CURRENT_VERSION);
        }
        if (in.available() > 0) {
            throw new IOException("SurrealSource enumerator state (version " + version + ") has "
                    + in.available() + " trailing bytes");
        }
        return state;
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
