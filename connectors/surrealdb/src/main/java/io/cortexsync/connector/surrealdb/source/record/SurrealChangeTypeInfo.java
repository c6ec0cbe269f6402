package io.cortexsync.connector.surrealdb.source.record;

import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/** Flink type information of {@link SurrealChange}: its own serializer instead of Kryo. */
public final class SurrealChangeTypeInfo extends TypeInformation<SurrealChange> {

    private static final long serialVersionUID = 1L;

    public static final SurrealChangeTypeInfo INSTANCE = new SurrealChangeTypeInfo();

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
    public Class<SurrealChange> getTypeClass() {
        return SurrealChange.class;
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public TypeSerializer<SurrealChange> createSerializer(SerializerConfig config) {
        return SurrealChangeSerializer.INSTANCE;
    }

    @Override
    public String toString() {
        return "SurrealChange";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SurrealChangeTypeInfo;
    }

    @Override
    public int hashCode() {
        return SurrealChangeTypeInfo.class.hashCode();
    }

    @Override
    public boolean canEqual(Object obj) {
        return obj instanceof SurrealChangeTypeInfo;
    }
}
