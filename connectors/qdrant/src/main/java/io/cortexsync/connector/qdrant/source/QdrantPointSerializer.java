package io.cortexsync.connector.qdrant.source;

import io.cortexsync.schema.serialization.SerializerTypeInfo;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Flink serializer of {@link QdrantPoint}: id, vectors as raw floats, payload values tagged by
 * type. Each record starts with its format version so that state written today stays readable.
 */
@Internal
public final class QdrantPointSerializer extends TypeSerializerSingleton<QdrantPoint> {

    private static final long serialVersionUID = 1L;

    static final int VERSION_1 = 1;
    private static final int CURRENT_VERSION = VERSION_1;

    private static final int NULL = 0;
    private static final int BOOL = 1;
    private static final int LONG = 2;
    private static final int DOUBLE = 3;
    private static final int STRING = 4;
    private static final int LIST = 5;
    private static final int MAP = 6;

    public static final QdrantPointSerializer INSTANCE = new QdrantPointSerializer();

    /** The type information of {@link QdrantPoint}: this serializer instead of Kryo. */
    public static final TypeInformation<QdrantPoint> TYPE_INFO = SerializerTypeInfo.of(QdrantPoint.class, INSTANCE);

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public QdrantPoint createInstance() {
        return null;
    }

    /** Vectors are the only mutable parts; payload maps are unmodifiable. */
    @Override
    public QdrantPoint copy(QdrantPoint from) {
        Map<String, float[]> named = new LinkedHashMap<>();
        from.namedVectors().forEach((name, vector) -> named.put(name, vector.clone()));
        return new QdrantPoint(from.id(), from.vector() == null ? null : from.vector().clone(), named, from.payload());
    }

    @Override
    public QdrantPoint copy(QdrantPoint from, QdrantPoint reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(QdrantPoint point, DataOutputView out) throws IOException {
        out.writeByte(CURRENT_VERSION);
        QdrantPointId id = point.id();
        out.writeBoolean(id.isUuid());
        if (id.isUuid()) {
            out.writeLong(id.asUuid().getMostSignificantBits());
            out.writeLong(id.asUuid().getLeastSignificantBits());
        } else {
            out.writeLong(id.asNumber());
        }
        writeVector(point.vector(), out);
        out.writeInt(point.namedVectors().size());
        for (Map.Entry<String, float[]> named : point.namedVectors().entrySet()) {
            StringValue.writeString(named.getKey(), out);
            writeVector(named.getValue(), out);
        }
        writeMap(point.payload(), out);
    }

    @Override
    public QdrantPoint deserialize(DataInputView in) throws IOException {
        int version = in.readUnsignedByte();
        if (version != VERSION_1) {
            throw new IOException("unknown QdrantPoint format version " + version
                    + ": this build reads version " + CURRENT_VERSION);
        }
        QdrantPointId id = in.readBoolean()
                ? QdrantPointId.uuid(new UUID(in.readLong(), in.readLong()))
                : QdrantPointId.number(in.readLong());
        float[] vector = readVector(in);
        int namedCount = count(in.readInt());
        Map<String, float[]> named = new LinkedHashMap<>();
        for (int i = 0; i < namedCount; i++) {
            named.put(StringValue.readString(in), readVector(in));
        }
        return new QdrantPoint(id, vector, named, readMap(in));
    }

    @Override
    public QdrantPoint deserialize(QdrantPoint reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView in, DataOutputView out) throws IOException {
        serialize(deserialize(in), out);
    }

    @Override
    public TypeSerializerSnapshot<QdrantPoint> snapshotConfiguration() {
        return new Snapshot();
    }

    private static void writeVector(float[] vector, DataOutputView out) throws IOException {
        out.writeInt(vector == null ? -1 : vector.length);
        if (vector != null) {
            for (float x : vector) {
                out.writeFloat(x);
            }
        }
    }

    private static float[] readVector(DataInputView in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            return null;
        }
        float[] vector = new float[length];
        for (int i = 0; i < length; i++) {
            vector[i] = in.readFloat();
        }
        return vector;
    }

    private static void writeMap(Map<String, Object> map, DataOutputView out) throws IOException {
        out.writeInt(map.size());
        for (Map.Entry<String, Object> entry : map.entrySet()) {
            StringValue.writeString(entry.getKey(), out);
            writeValue(entry.getValue(), out);
        }
    }

    private static Map<String, Object> readMap(DataInputView in) throws IOException {
        int size = count(in.readInt());
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < size; i++) {
            map.put(StringValue.readString(in), readValue(in));
        }
        return map;
    }

    @SuppressWarnings("unchecked")
    private static void writeValue(Object value, DataOutputView out) throws IOException {
        if (value == null) {
            out.writeByte(NULL);
        } else if (value instanceof Boolean) {
            out.writeByte(BOOL);
            out.writeBoolean((Boolean) value);
        } else if (value instanceof Long) {
            out.writeByte(LONG);
            out.writeLong((Long) value);
        } else if (value instanceof Double) {
            out.writeByte(DOUBLE);
            out.writeDouble((Double) value);
        } else if (value instanceof String) {
            out.writeByte(STRING);
            StringValue.writeString((String) value, out);
        } else if (value instanceof List) {
            List<Object> list = (List<Object>) value;
            out.writeByte(LIST);
            out.writeInt(list.size());
            for (Object element : list) {
                writeValue(element, out);
            }
        } else if (value instanceof Map) {
            out.writeByte(MAP);
            writeMap((Map<String, Object>) value, out);
        } else {
            throw new IOException("not a payload value: " + value.getClass().getName());
        }
    }

    private static Object readValue(DataInputView in) throws IOException {
        int tag = in.readUnsignedByte();
        switch (tag) {
            case NULL:
                return null;
            case BOOL:
                return in.readBoolean();
            case LONG:
                return in.readLong();
            case DOUBLE:
                return in.readDouble();
            case STRING:
                return StringValue.readString(in);
            case LIST:
                int size = count(in.readInt());
                List<Object> list = new ArrayList<>(size);
                for (int i = 0; i < size; i++) {
                    list.add(readValue(in));
                }
                return java.util.Collections.unmodifiableList(list);
            case MAP:
                return java.util.Collections.unmodifiableMap(readMap(in));
            default:
                throw new IOException("unknown payload value tag " + tag);
        }
    }

    private static int count(int count) throws IOException {
        if (count < 0) {
            throw new IOException("negative count " + count);
        }
        return count;
    }

    /** Restores the serializer by class; the format version travels in every record. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<QdrantPoint> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
