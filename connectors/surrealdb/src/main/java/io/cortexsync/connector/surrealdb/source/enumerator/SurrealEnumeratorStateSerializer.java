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
    /** Adds the re-snapshot flag and the snapshot's start, and stream splits with their snapshot start. */
    public static final int VERSION_2 = 2;
    private static final int CURRENT_VERSION = VERSION_2;

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
        out.writeBoolean(state.resnapshotting());
        out.writeLong(state.snapshotStartedAt());
    }

    @Override
    protected SurrealEnumeratorState read(int version, DataInputDeserializer in) throws IOException {
        switch (version) {
            case VERSION_1:
            case VERSION_2:
                return read(in, version);
            default:
                throw unknownVersion(version);
        }
    }

    private static SurrealEnumeratorState read(DataInputDeserializer in, int version) throws IOException {
        boolean chunked = in.readBoolean();
        int chunkCount = count(in.readInt());
        List<SnapshotSplit> chunks = new ArrayList<>(chunkCount);
        for (int i = 0; i < chunkCount; i++) {
            SurrealSplit split = SplitDataIo.readSplit(version, in);
            if (!split.isSnapshot()) {
                throw new IOException("a chunk must be a snapshot split: " + split);
            }
            chunks.add(split.asSnapshot());
        }
        int unassignedCount = count(in.readInt());
        List<SurrealSplit> unassigned = new ArrayList<>(unassignedCount);
        for (int i = 0; i < unassignedCount; i++) {
            unassigned.add(SplitDataIo.readSplit(version, in));
        }
        int finishedCount = count(in.readInt());
        Map<String, Long> finished = new LinkedHashMap<>();
        for (int i = 0; i < finishedCount; i++) {
            finished.put(in.readUTF(), in.readLong());
        }
        boolean streamCreated = in.readBoolean();
        if (version == VERSION_1) {
            return new SurrealEnumeratorState(chunked, chunks, unassigned, finished, streamCreated);
        }
        boolean resnapshotting = in.readBoolean();
        long snapshotStartedAt = in.readLong();
        return new SurrealEnumeratorState(
                chunked, chunks, unassigned, finished, streamCreated, resnapshotting, snapshotStartedAt);
    }

    private static int count(int count) throws IOException {
        if (count < 0) {
            throw new IOException("negative count " + count);
        }
        return count;
    }
}
