package io.cortexsync.connector.qdrant.source;

import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/** Flink type information of {@link QdrantPoint}: its own serializer instead of Kryo. */
public final class QdrantPointTypeInfo extends TypeInformation<QdrantPoint> {

    private static final long serialVersionUID = 1L;

    public static final QdrantPointTypeInfo INSTANCE = new QdrantPointTypeInfo();

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
    public Class<QdrantPoint> getTypeClass() {
        return QdrantPoint.class;
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public TypeSerializer<QdrantPoint> createSerializer(SerializerConfig config) {
        return QdrantPointSerializer.INSTANCE;
    }

    @Override
    public String toString() {
        return "QdrantPoint";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof QdrantPointTypeInfo;
    }

    @Override
    public int hashCode() {
        return QdrantPointTypeInfo.class.hashCode();
    }

    @Override
    public boolean canEqual(Object obj) {
        return obj instanceof QdrantPointTypeInfo;
    }
}
