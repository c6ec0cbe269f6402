package io.cortexsync.schema.serialization;

import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

import java.util.Objects;

/**
 * Flink type information for a record, so streams of it use its {@link VersionedTypeSerializer}
 * rather than Kryo (use it with {@code returns(...)} or in state descriptors).
 *
 * @param <T> the record type
 */
public final class VersionedTypeInfo<T> extends TypeInformation<T> {

    private static final long serialVersionUID = 1L;

    private final Class<T> typeClass;
    private final RecordSerializer<T> serializer;

    public VersionedTypeInfo(Class<T> typeClass, RecordSerializer<T> serializer) {
        this.typeClass = typeClass;
        this.serializer = serializer;
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
        return new VersionedTypeSerializer<>(serializer);
    }

    @Override
    public String toString() {
        return typeClass.getSimpleName() + "(" + serializer + ")";
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof VersionedTypeInfo)) {
            return false;
        }
        VersionedTypeInfo<?> that = (VersionedTypeInfo<?>) o;
        return that.canEqual(this)
                && typeClass.equals(that.typeClass)
                && serializer.equals(that.serializer);
    }

    @Override
    public int hashCode() {
        return Objects.hash(typeClass, serializer);
    }

    @Override
    public boolean canEqual(Object obj) {
        return obj instanceof VersionedTypeInfo;
    }
}
