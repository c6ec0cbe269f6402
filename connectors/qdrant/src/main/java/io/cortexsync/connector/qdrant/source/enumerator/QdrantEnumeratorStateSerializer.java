package io.cortexsync.connector.qdrant.source.enumerator;

import io.cortexsync.connector.qdrant.source.split.QdrantSplit;
import io.cortexsync.connector.qdrant.source.split.QdrantSplitSerializer;

import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Versioned serializer of {@link QdrantEnumeratorState}. */
public final class QdrantEnumeratorStateSerializer implements SimpleVersionedSerializer<QdrantEnumeratorState> {

    public static final QdrantEnumeratorStateSerializer INSTANCE = new QdrantEnumeratorStateSerializer();

    public static final int VERSION_1 = 1;
    private static final int CURRENT_VERSION = VERSION_1;

    @Override
    public int getVersion() {
        return CURRENT_VERSION;
    }

    @Override
    public byte[] serialize(QdrantEnumeratorState state) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(16 + 16 * state.unassigned().size());
        out.writeInt(state.unassigned().size());
        for (QdrantSplit split : state.unassigned()) {
            QdrantSplitSerializer.write(split, out);
        }
        return out.getCopyOfBuffer();
    }

    @Override
    public QdrantEnumeratorState deserialize(int version, byte[] serialized) throws IOException {
        if (version != VERSION_1) {
            throw new IOException("unknown QdrantSource enumerator state version " + version
                    + ": this build reads version " + CURRENT_VERSION);
        }
        DataInputDeserializer in = new DataInputDeserializer(serialized);
        int count = in.readInt();
        if (count < 0) {
            throw new IOException("negative split count " + count);
        }
        List<QdrantSplit> splits = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            splits.add(QdrantSplitSerializer.read(QdrantSplitSerializer.VERSION_1, in));
        }
        if (in.available() > 0) {
            throw new IOException("QdrantSource enumerator state (version " + version + ") has "
                    + in.available() + " trailing bytes");
        }
        return new QdrantEnumeratorState(splits);
    }
}
