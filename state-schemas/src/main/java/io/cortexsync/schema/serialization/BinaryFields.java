package io.cortexsync.schema.serialization;

import io.cortexsync.schema.ids.RecordId;

import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The binary encodings shared by the record serializers. Part of their version-1 format: never
 * change an existing encoding, add new ones for new versions.
 */
final class BinaryFields {

    private static final byte KEY_STRING = 0;
    private static final byte KEY_INTEGER = 1;
    private static final byte KEY_UUID = 2;

    private static final byte VALUE_NULL = 0;
    private static final byte VALUE_FALSE = 1;
    private static final byte VALUE_TRUE = 2;
    private static final byte VALUE_LONG = 3;
    private static final byte VALUE_DOUBLE = 4;
    private static final byte VALUE_STRING = 5;
    private static final byte VALUE_BIG_INTEGER = 6;
    private static final byte VALUE_LIST = 7;
    private static final byte VALUE_MAP = 8;

    private BinaryFields() {}

    /** Length (int) and UTF-8 bytes: unlike writeUTF, not limited to 64 KiB. */
    static void writeString(DataOutputView out, String value) throws IOException {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    static String readString(DataInputDeserializer in) throws IOException {
        return new String(readBytes(in), StandardCharsets.UTF_8);
    }

    static void writeNullableString(DataOutputView out, String value) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            writeString(out, value);
        }
    }

    static String readNullableString(DataInputDeserializer in) throws IOException {
        return in.readBoolean() ? readString(in) : null;
    }

    static void writeInstant(DataOutputView out, Instant value) throws IOException {
        out.writeLong(value.getEpochSecond());
        out.writeInt(value.getNano());
    }

    static Instant readInstant(DataInputDeserializer in) throws IOException {
        long seconds = in.readLong();
        int nanos = in.readInt();
        try {
            return Instant.ofEpochSecond(seconds, nanos);
        } catch (RuntimeException e) {
            throw new IOException("corrupt instant " + seconds + "s " + nanos + "ns", e);
        }
    }

    static void writeUuid(DataOutputView out, UUID value) throws IOException {
        out.writeLong(value.getMostSignificantBits());
        out.writeLong(value.getLeastSignificantBits());
    }

    static UUID readUuid(DataInputDeserializer in) throws IOException {
        return new UUID(in.readLong(), in.readLong());
    }

    /** Table, key kind, key. */
    static void writeRecordId(DataOutputView out, RecordId id) throws IOException {
        writeString(out, id.table());
        switch (id.keyKind()) {
            case STRING:
                out.writeByte(KEY_STRING);
                writeString(out, (String) id.key());
                break;
            case INTEGER:
                out.writeByte(KEY_INTEGER);
                out.writeLong((Long) id.key());
                break;
            default:
                out.writeByte(KEY_UUID);
                writeUuid(out, (UUID) id.key());
        }
    }

    static RecordId readRecordId(DataInputDeserializer in) throws IOException {
        String table = readString(in);
        byte kind = in.readByte();
        switch (kind) {
            case KEY_STRING:
                return RecordId.of(table, readString(in));
            case KEY_INTEGER:
                return RecordId.of(table, in.readLong());
            case KEY_UUID:
                return RecordId.of(table, readUuid(in));
            default:
                throw new IOException("unknown record key kind " + kind);
        }
    }

    /** Element count and each element's exact bit pattern (NaN payloads kept). */
    static void writeVector(DataOutputView out, float[] vector) throws IOException {
        writeVector(out, FloatBuffer.wrap(vector));
    }

    /** {@link #writeVector(DataOutputView, float[])} of the buffer's remaining elements. */
    static void writeVector(DataOutputView out, FloatBuffer vector) throws IOException {
        out.writeInt(vector.remaining());
        for (int i = vector.position(); i < vector.limit(); i++) {
            out.writeInt(Float.floatToRawIntBits(vector.get(i)));
        }
    }

    static float[] readVector(DataInputDeserializer in) throws IOException {
        int length = readLength(in, 4);
        float[] vector = new float[length];
        for (int i = 0; i < length; i++) {
            vector[i] = Float.intBitsToFloat(in.readInt());
        }
        return vector;
    }

    /** A tagged JSON-like value (normalized: Long, BigInteger, Double, String, ...). */
    static void writeValue(DataOutputView out, Object value) throws IOException {
        if (value == null) {
            out.writeByte(VALUE_NULL);
        } else if (value instanceof Boolean) {
            out.writeByte((Boolean) value ? VALUE_TRUE : VALUE_FALSE);
        } else if (value instanceof Long) {
            out.writeByte(VALUE_LONG);
            out.writeLong((Long) value);
        } else if (value instanceof Double) {
            out.writeByte(VALUE_DOUBLE);
            out.writeLong(Double.doubleToRawLongBits((Double) value));
        } else if (value instanceof String) {
            out.writeByte(VALUE_STRING);
            writeString(out, (String) value);
        } else if (value instanceof BigInteger) {
            out.writeByte(VALUE_BIG_INTEGER);
            byte[] bytes = ((BigInteger) value).toByteArray();
            out.writeInt(bytes.length);
            out.write(bytes);
        } else if (value instanceof List) {
            List<?> list = (List<?>) value;
            out.writeByte(VALUE_LIST);
            out.writeInt(list.size());
            for (Object element : list) {
                writeValue(out, element);
            }
        } else if (value instanceof Map) {
            out.writeByte(VALUE_MAP);
            writeMap(out, (Map<?, ?>) value);
        } else {
            throw new IOException("not a normalized JSON value: " + value.getClass().getName());
        }
    }

    static void writeMap(DataOutputView out, Map<?, ?> map) throws IOException {
        out.writeInt(map.size());
        for (Map.Entry<?, ?> e : map.entrySet()) {
            writeString(out, (String) e.getKey());
            writeValue(out, e.getValue());
        }
    }

    static Object readValue(DataInputDeserializer in) throws IOException {
        byte tag = in.readByte();
        switch (tag) {
            case VALUE_NULL:
                return null;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_LONG:
                return in.readLong();
            case VALUE_DOUBLE:
                return Double.longBitsToDouble(in.readLong());
            case VALUE_STRING:
                return readString(in);
            case VALUE_BIG_INTEGER:
                return new BigInteger(readBytes(in));
            case VALUE_LIST:
                int size = readLength(in, 1);
                List<Object> list = new ArrayList<>(size);
                for (int i = 0; i < size; i++) {
                    list.add(readValue(in));
                }
                return list;
            case VALUE_MAP:
                return readMap(in);
            default:
                throw new IOException("unknown value tag " + tag);
        }
    }

    static Map<String, Object> readMap(DataInputDeserializer in) throws IOException {
        int size = readLength(in, 5);
        Map<String, Object> map = new LinkedHashMap<>(Math.max(4, size * 2));
        for (int i = 0; i < size; i++) {
            map.put(readString(in), readValue(in));
        }
        return map;
    }

    static <E extends Enum<E>> void writeEnum(DataOutputView out, E value) throws IOException {
        writeString(out, value.name());
    }

    static <E extends Enum<E>> E readEnum(DataInputDeserializer in, Class<E> type)
            throws IOException {
        String name = readString(in);
        try {
            return Enum.valueOf(type, name);
        } catch (IllegalArgumentException e) {
            throw new IOException("unknown " + type.getSimpleName() + " '" + name + "'", e);
        }
    }

    private static byte[] readBytes(DataInputDeserializer in) throws IOException {
        byte[] bytes = new byte[readLength(in, 1)];
        in.readFully(bytes);
        return bytes;
    }

    /** A count of items of at least {@code minItemBytes} each, checked against what is left. */
    private static int readLength(DataInputDeserializer in, int minItemBytes) throws IOException {
        int length = in.readInt();
        if (length < 0 || (long) length * minItemBytes > in.available()) {
            throw new IOException(
                    "corrupt length " + length + " with " + in.available() + " bytes left");
        }
        return length;
    }
}
