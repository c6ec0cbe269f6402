package io.cortexsync.schema.serialization;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

import java.util.Objects;

/**
 * Flink type information of a record that brings its own {@link TypeSerializer}, so that streams
 * and state of it never fall back to Kryo. The serializer, and with it its snapshot, is the
 * record's own: wrapping it here changes no byte of existing state.
 *
 * @param <T> the record type
 */
@PublicEvolving
public final class SerializerTypeInfo<T> extends TypeInformation<T> {

    private static final long serialVersionUID = 1L;

    private final Class<T> typeClass;
    private final TypeSerializer<T> serializer;

    private SerializerTypeInfo(Class<T> typeClass, TypeSerializer<T> serializer) {
        this.typeClass = Objects.requireNonNull(typeClass, "typeClass");
        this.serializer = Objects.requireNonNull(serializer, "serializer");
    }

    /** The type information of {@code typeClass}, serialized by {@code serializer}. */
    public static <T> SerializerTypeInfo<T> of(Class<T> typeClass, TypeSerializer<T> serializer) {
        return new SerializerTypeInfo<>(typeClass, serializer);
    }

    /** The type information of a state-schemas record, through its {@link VersionedTypeSerializer}. */
    public static <T> SerializerTypeInfo<T> of(Class<T> typeClass, RecordSerializer<T> serializer) {
        return new SerializerTypeInfo<>(typeClass, new VersionedTypeSerializer<>(serializer));
    }

    @Override
    public boolean isBasicType() {
        return false;
    }

    @Override
    public boolean isTupleType() {
        return false;
    }

    @Override
    public int getArity() {
        return 1;
    }

    @Override
    public int getTotalFields() {
        return 1;
    }

    @Override
    public Class<T> getTypeClass() {
        return typeClass;
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public TypeSerializer<T> createSerializer(SerializerConfig config) {
        return serializer.duplicate();
    }

    @Override
    public String toString() {
        return typeClass.getSimpleName();
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof SerializerTypeInfo)) {
            return false;
        }
        SerializerTypeInfo<?> that = (SerializerTypeInfo<?>) o;
        return that.canEqual(this) && typeClass.equals(that.typeClass) && serializer.equals(that.serializer);
    }

    @Override
    public int hashCode() {
        return Objects.hash(typeClass, serializer);
    }

    @Override
    public boolean canEqual(Object obj) {
        return obj instanceof SerializerTypeInfo;
    }
}
