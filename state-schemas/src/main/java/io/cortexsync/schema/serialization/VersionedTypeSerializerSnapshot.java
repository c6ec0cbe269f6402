package io.cortexsync.schema.serialization;

import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.util.InstantiationUtil;

import java.io.IOException;

/**
 * The snapshot of a {@link VersionedTypeSerializer}: which {@link RecordSerializer} class wrote the
 * state, and its version at the time.
 *
 * <p>Compatibility: the same record serializer at the same or a newer version reads the state as it
 * is (every value carries its own version); a different class, or state written by a newer version
 * than this build knows, is incompatible.
 *
 * @param <T> the record type
 */
public final class VersionedTypeSerializerSnapshot<T> implements TypeSerializerSnapshot<T> {

    private static final int SNAPSHOT_VERSION = 1;

    private Class<? extends RecordSerializer<T>> serializerClass;
    private int serializerVersion;

    /**
     * For Flink, which instantiates snapshots by class name and then calls {@link #readSnapshot}.
     */
    public VersionedTypeSerializerSnapshot() {}

    @SuppressWarnings("unchecked")
    VersionedTypeSerializerSnapshot(RecordSerializer<T> serializer) {
        this.serializerClass = (Class<? extends RecordSerializer<T>>) serializer.getClass();
        this.serializerVersion = serializer.getVersion();
    }

    /** The version of the record serializer when the snapshot was taken. */
    public int serializerVersion() {
        return serializerVersion;
    }

    public Class<? extends RecordSerializer<T>> serializerClass() {
        return serializerClass;
    }

    @Override
    public int getCurrentVersion() {
        return SNAPSHOT_VERSION;
    }

    @Override
    public void writeSnapshot(DataOutputView out) throws IOException {
        out.writeUTF(serializerClass.getName());
        out.writeInt(serializerVersion);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void readSnapshot(int readVersion, DataInputView in, ClassLoader userCodeClassLoader)
            throws IOException {
        if (readVersion != SNAPSHOT_VERSION) {
            throw new IOException(
                    "unknown VersionedTypeSerializerSnapshot version "
                            + readVersion
                            + ": this build reads version "
                            + SNAPSHOT_VERSION);
        }
        String className = in.readUTF();
        try {
            Class<?> loaded = Class.forName(className, false, userCodeClassLoader);
            if (!RecordSerializer.class.isAssignableFrom(loaded)) {
                throw new IOException(className + " is not a RecordSerializer");
            }
            serializerClass = (Class<? extends RecordSerializer<T>>) loaded;
        } catch (ClassNotFoundException e) {
            throw new IOException("the state's serializer class " + className + " is missing", e);
        }
        serializerVersion = in.readInt();
    }

    @Override
    public TypeSerializer<T> restoreSerializer() {
        return new VersionedTypeSerializer<>(InstantiationUtil.instantiate(serializerClass));
    }

    /** Called on the new serializer's snapshot with the snapshot the state was written with. */
    @Override
    public TypeSerializerSchemaCompatibility<T> resolveSchemaCompatibility(
            TypeSerializerSnapshot<T> oldSnapshot) {
        if (!(oldSnapshot instanceof VersionedTypeSerializerSnapshot)) {
            return TypeSerializerSchemaCompatibility.incompatible();
        }
        VersionedTypeSerializerSnapshot<T> old = (VersionedTypeSerializerSnapshot<T>) oldSnapshot;
        if (!serializerClass.equals(old.serializerClass)
                || old.serializerVersion > serializerVersion) {
            return TypeSerializerSchemaCompatibility.incompatible();
        }
        return TypeSerializerSchemaCompatibility.compatibleAsIs();
    }
}
