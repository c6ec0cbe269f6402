package io.cortexsync.schema.serialization;

import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

import java.io.IOException;
import java.io.Serializable;

/**
 * Base of the record serializers: writes the current version, reads every version it knows, and
 * rejects unknown versions, corrupt content and trailing bytes with an {@link IOException} that
 * names the record and version. Stateless and thread-safe.
 *
 * <p>Subclasses keep only their fields: {@link #writeCurrentVersion} and a {@link #read} that
 * switches over every version ever written. Those used as state serializers need a public
 * no-argument constructor: {@link VersionedTypeSerializerSnapshot} recreates them by class name
 * when state is restored. Connectors base their split and enumerator-state serializers on it too.
 *
 * @param <T> the record type
 */
public abstract class RecordSerializer<T> implements SimpleVersionedSerializer<T>, Serializable {

    private static final long serialVersionUID = 1L;

    private final String recordName;
    private final int initialBufferSize;

    protected RecordSerializer(String recordName, int initialBufferSize) {
        this.recordName = recordName;
        this.initialBufferSize = initialBufferSize;
    }

    @Override
    public final byte[] serialize(T value) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(initialBufferSize);
        writeCurrentVersion(value, out);
        return out.getCopyOfBuffer();
    }

    @Override
    public final T deserialize(int version, byte[] serialized) throws IOException {
        DataInputDeserializer in = new DataInputDeserializer(serialized);
        T value;
        try {
            value = read(version, in);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IOException(
                    "corrupt " + recordName + " (version " + version + "): " + e.getMessage(), e);
        }
        if (in.available() > 0) {
            throw new IOException(
                    recordName
                            + " (version "
                            + version
                            + ") has "
                            + in.available()
                            + " trailing bytes after a complete record");
        }
        return value;
    }

    /** Writes {@code value} in the format of {@link #getVersion()}. */
    protected abstract void writeCurrentVersion(T value, DataOutputSerializer out) throws IOException;

    /** Reads a value written in {@code version}: a switch over every version ever written. */
    protected abstract T read(int version, DataInputDeserializer in) throws IOException;

    /** The failure of {@link #read} for a version it does not know. */
    protected IOException unknownVersion(int version) {
        return new IOException(
                "unknown "
                        + recordName
                        + " serializer version "
                        + version
                        + ": this build reads versions 1 to "
                        + getVersion()
                        + " (was the state written by a newer release?)");
    }

    @Override
    public boolean equals(Object o) {
        return o != null && o.getClass() == getClass();
    }

    @Override
    public int hashCode() {
        return getClass().hashCode();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "{version=" + getVersion() + '}';
    }
}
