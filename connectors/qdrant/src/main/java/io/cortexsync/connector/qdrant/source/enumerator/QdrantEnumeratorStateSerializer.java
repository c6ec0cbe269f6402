package io.cortexsync.connector.qdrant.source.enumerator;

import io.cortexsync.connector.qdrant.source.split.QdrantSplit;
import io.cortexsync.connector.qdrant.source.split.QdrantSplitSerializer;
import io.cortexsync.schema.serialization.RecordSerializer;

import org.apache.flink.annotation.Internal;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Versioned serializer of {@link QdrantEnumeratorState}. */
@Internal
public final class QdrantEnumeratorStateSerializer extends RecordSerializer<QdrantEnumeratorState> {

    private static final long serialVersionUID = 1L;

    public static final QdrantEnumeratorStateSerializer INSTANCE = new QdrantEnumeratorStateSerializer();

    public static final int VERSION_1 = 1;
    private static final int CURRENT_VERSION = VERSION_1;

    public QdrantEnumeratorStateSerializer() {
        super("QdrantSource enumerator state", 64);
    }

    @Override
    public int getVersion() {
        return CURRENT_VERSION;
    }

    @Override
    protected void writeCurrentVersion(QdrantEnumeratorState state, DataOutputSerializer out) throws IOException {
        out.writeInt(state.unassigned().size());
        for (QdrantSplit split : state.unassigned()) {
            QdrantSplitSerializer.write(split, out);
        }
    }

    @Override
    protected QdrantEnumeratorState read(int version, DataInputDeserializer in) throws IOException {
        switch (version) {
            case VERSION_1:
                int count = in.readInt();
                if (count < 0) {
                    throw new IOException("negative split count " + count);
                }
                List<QdrantSplit> splits = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    splits.add(QdrantSplitSerializer.readNested(QdrantSplitSerializer.VERSION_1, in));
                }
                return new QdrantEnumeratorState(splits);
            default:
                throw unknownVersion(version);
        }
    }
}
