package io.cortexsync.schema.serialization;

import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.io.SimpleVersionedSerialization;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;

/**
 * A Flink {@link TypeSerializer} for state, over a {@link RecordSerializer}.
 *
 * <p>Every value is written as its serializer version, its length and its bytes, so values written
 * by an older version stay readable after the record gains fields: the restored serializer reads
 * each value in the version it was written in, and writes new values in the current version. The
 * records are immutable, so copies are the values themselves.
 *
 * @param <T> the record type
 */
public final class VersionedTypeSerializer<T> extends TypeSerializer<T> {

    private static final long serialVersionUID = 1L;

    private final RecordSerializer<T> serializer;

    public VersionedTypeSerializer(RecordSerializer<T> serializer) {
        this.serializer = serializer;
    }

    /** The record serializer this adapts. */
    public RecordSerializer<T> recordSerializer() {
        return serializer;
    }

    @Override
    public boolean isImmutableType() {
        return true;
    }

    /** The record serializers are stateless, so this one can be shared. */
    @Override
    public TypeSerializer<T> duplicate() {
        return this;
    }

    /** Records have no empty instance. */
    @Override
    public T createInstance() {
        return null;
    }

    @Override
    public T copy(T from) {
        return from;
    }

    @Override
    public T copy(T from, T reuse) {
        return from;
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(T record, DataOutputView target) throws IOException {
        SimpleVersionedSerialization.writeVersionAndSerialize(serializer, record, target);
    }

    @Override
    public T deserialize(DataInputView source) throws IOException {
        return SimpleVersionedSerialization.readVersionAndDeSerialize(serializer, source);
    }

    @Override
    public T deserialize(T reuse, DataInputView source) throws IOException {
        return deserialize(source);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        int version = source.readInt();
        int length = source.readInt();
        if (length < 0) {
            throw new IOException("corrupt length " + length);
        }
        target.writeInt(version);
        target.writeInt(length);
        target.write(source, length);
    }

    @Override
    public TypeSerializerSnapshot<T> snapshotConfiguration() {
        return new VersionedTypeSerializerSnapshot<>(serializer);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VersionedTypeSerializer
                && serializer.equals(((VersionedTypeSerializer<?>) o).serializer);
    }

    @Override
    public int hashCode() {
        return serializer.hashCode();
    }

    @Override
    public String toString() {
        return "VersionedTypeSerializer{" + serializer + '}';
    }
}
