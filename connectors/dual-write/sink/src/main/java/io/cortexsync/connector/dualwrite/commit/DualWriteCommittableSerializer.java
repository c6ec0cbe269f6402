package io.cortexsync.connector.dualwrite.commit;

import io.cortexsync.schema.model.EntityChange;
import io.cortexsync.schema.serialization.EntityChangeSerializer;

import org.apache.flink.annotation.Internal;
import org.apache.flink.core.io.SimpleVersionedSerialization;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Committables in checkpoints. Version 1: id, subtask, count, then per change its ingest time and
 * the change with its own serializer's version and length, so the change's format can evolve
 * without a new version here.
 */
@Internal
public final class DualWriteCommittableSerializer implements SimpleVersionedSerializer<DualWriteCommittable> {

    public static final int VERSION_1 = 1;

    private static final EntityChangeSerializer CHANGES = new EntityChangeSerializer();

    @Override
    public int getVersion() {
        return VERSION_1;
    }

    @Override
    public byte[] serialize(DualWriteCommittable committable) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(256 + committable.changes().size() * 512);
        out.writeUTF(committable.id());
        out.writeInt(committable.subtask());
        out.writeInt(committable.changes().size());
        for (PendingChange pending : committable.changes()) {
            out.writeLong(pending.ingestMillis());
            SimpleVersionedSerialization.writeVersionAndSerialize(CHANGES, pending.change(), out);
        }
        return out.getCopyOfBuffer();
    }

    @Override
    public DualWriteCommittable deserialize(int version, byte[] serialized) throws IOException {
        if (version != VERSION_1) {
            throw new IOException("unknown DualWriteCommittable serializer version " + version
                    + ": this build reads version " + VERSION_1 + " (was the state written by a newer release?)");
        }
        DataInputDeserializer in = new DataInputDeserializer(serialized);
        String id = in.readUTF();
        int subtask = in.readInt();
        int count = in.readInt();
        if (count < 0 || count > serialized.length) {
            throw new IOException("corrupt DualWriteCommittable: " + count + " changes in " + serialized.length + " bytes");
        }
        List<PendingChange> changes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long ingest = in.readLong();
            EntityChange change = SimpleVersionedSerialization.readVersionAndDeSerialize(CHANGES, in);
            changes.add(new PendingChange(change, ingest));
        }
        if (in.available() > 0) {
            throw new IOException("corrupt DualWriteCommittable: " + in.available() + " trailing bytes");
        }
        return new DualWriteCommittable(id, subtask, changes);
    }
}
