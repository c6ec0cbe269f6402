package io.cortexsync.connector.qdrant.convert;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import io.qdrant.client.grpc.JsonWithInt.ListValue;
import io.qdrant.client.grpc.JsonWithInt.NullValue;
import io.qdrant.client.grpc.JsonWithInt.Struct;
import io.qdrant.client.grpc.JsonWithInt.Value;

import org.apache.flink.annotation.Internal;

import java.io.IOException;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * JSON-like Java values (as normalized by the schema's {@code JsonValues}) as Qdrant payload
 * {@link Value} messages, written without building them. Strings, booleans, 64-bit integers,
 * finite doubles, null, lists and maps are payload values; anything else is an
 * {@link InvalidPointException} naming the field, e.g. {@code payload field tags[2] is NaN, ...}.
 *
 * <p>A payload field is a map entry {@code key -> Value}; a message's length comes before its
 * content, so every size is computed before anything is written. Nested lists and maps are sized
 * again when written: metadata is small, and this keeps the hot path free of allocations.
 */
@Internal
final class PayloadWireFormat {

    private static final int MAP_KEY = 1;
    private static final int MAP_VALUE = 2;

    /** Thrown while sizing without a path; the caller sizes again with one for the message. */
    private static final class Unsupported extends RuntimeException {
        private static final long serialVersionUID = 1L;
        static final Unsupported INSTANCE = new Unsupported();

        private Unsupported() {
            super(null, null, false, false);
        }
    }

    private PayloadWireFormat() {}

    /**
     * The size of the {@link Value} message of payload field {@code key}; an InvalidPointException
     * when the value is no payload value.
     */
    static int checkedValueSize(String key, Object value) {
        try {
            return valueSize(value, null);
        } catch (Unsupported e) {
            valueSize(value, key); // throws, with the path of the bad value
            throw new IllegalStateException("payload field " + key + " failed only once");
        }
    }

    /** The size of the map entry {@code key -> value} whose Value message has {@code valueSize} bytes. */
    static int entrySize(String key, int valueSize) {
        return CodedOutputStream.computeStringSize(MAP_KEY, key) + lengthDelimitedSize(MAP_VALUE, valueSize);
    }

    /** Writes the entry {@code key -> value} as field {@code field}; {@code valueSize} as from {@link #checkedValueSize}. */
    static void writeEntry(CodedOutputStream out, int field, String key, Object value, int valueSize) throws IOException {
        out.writeTag(field, WireFormat.WIRETYPE_LENGTH_DELIMITED);
        out.writeUInt32NoTag(entrySize(key, valueSize));
        out.writeString(MAP_KEY, key);
        out.writeTag(MAP_VALUE, WireFormat.WIRETYPE_LENGTH_DELIMITED);
        out.writeUInt32NoTag(valueSize);
        writeValue(out, value);
    }

    /** The size of a length-delimited field of {@code contentSize} bytes: tag, length, content. */
    static int lengthDelimitedSize(int field, int contentSize) {
        return CodedOutputStream.computeTagSize(field) + CodedOutputStream.computeUInt32SizeNoTag(contentSize) + contentSize;
    }

    /** The size of a value's {@link Value} message; {@code path} null: throw {@link Unsupported} for a bad value. */
    private static int valueSize(Object value, String path) {
        if (value == null) {
            return CodedOutputStream.computeEnumSize(Value.NULL_VALUE_FIELD_NUMBER, NullValue.NULL_VALUE_VALUE);
        }
        if (value instanceof String) {
            return CodedOutputStream.computeStringSize(Value.STRING_VALUE_FIELD_NUMBER, (String) value);
        }
        if (value instanceof Boolean) {
            return CodedOutputStream.computeBoolSize(Value.BOOL_VALUE_FIELD_NUMBER, (Boolean) value);
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return CodedOutputStream.computeInt64Size(Value.INTEGER_VALUE_FIELD_NUMBER, ((Number) value).longValue());
        }
        if (value instanceof BigInteger) {
            throw invalid(path, "holds the integer " + value + ", outside Qdrant's 64-bit integers");
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (!Double.isFinite(d)) {
                throw invalid(path, "is " + d + ", which JSON cannot hold");
            }
            return CodedOutputStream.computeDoubleSize(Value.DOUBLE_VALUE_FIELD_NUMBER, d);
        }
        if (value instanceof List) {
            return lengthDelimitedSize(Value.LIST_VALUE_FIELD_NUMBER, listSize((List<?>) value, path));
        }
        if (value instanceof Map) {
            return lengthDelimitedSize(Value.STRUCT_VALUE_FIELD_NUMBER, structSize((Map<?, ?>) value, path));
        }
        throw invalid(path, "has the unsupported type " + value.getClass().getName());
    }

    /** The size of a {@link ListValue} message. */
    private static int listSize(List<?> items, String path) {
        int size = 0;
        for (int i = 0; i < items.size(); i++) {
            size += lengthDelimitedSize(ListValue.VALUES_FIELD_NUMBER,
                    valueSize(items.get(i), path == null ? null : path + "[" + i + "]"));
        }
        return size;
    }

    /** The size of a {@link Struct} message. */
    private static int structSize(Map<?, ?> fields, String path) {
        int size = 0;
        for (Map.Entry<?, ?> field : fields.entrySet()) {
            String key = String.valueOf(field.getKey());
            int valueSize = valueSize(field.getValue(), path == null ? null : path + "." + key);
            size += lengthDelimitedSize(Struct.FIELDS_FIELD_NUMBER, entrySize(key, valueSize));
        }
        return size;
    }

    /** Writes the {@link Value} message of a value already sized (its content, not its length). */
    private static void writeValue(CodedOutputStream out, Object value) throws IOException {
        if (value == null) {
            out.writeEnum(Value.NULL_VALUE_FIELD_NUMBER, NullValue.NULL_VALUE_VALUE);
        } else if (value instanceof String) {
            out.writeString(Value.STRING_VALUE_FIELD_NUMBER, (String) value);
        } else if (value instanceof Boolean) {
            out.writeBool(Value.BOOL_VALUE_FIELD_NUMBER, (Boolean) value);
        } else if (value instanceof Double || value instanceof Float) {
            out.writeDouble(Value.DOUBLE_VALUE_FIELD_NUMBER, ((Number) value).doubleValue());
        } else if (value instanceof Number) {
            out.writeInt64(Value.INTEGER_VALUE_FIELD_NUMBER, ((Number) value).longValue());
        } else if (value instanceof List) {
            List<?> items = (List<?>) value;
            out.writeTag(Value.LIST_VALUE_FIELD_NUMBER, WireFormat.WIRETYPE_LENGTH_DELIMITED);
            out.writeUInt32NoTag(listSize(items, null));
            for (Object item : items) {
                out.writeTag(ListValue.VALUES_FIELD_NUMBER, WireFormat.WIRETYPE_LENGTH_DELIMITED);
                out.writeUInt32NoTag(valueSize(item, null));
                writeValue(out, item);
            }
        } else {
            Map<?, ?> fields = (Map<?, ?>) value;
            out.writeTag(Value.STRUCT_VALUE_FIELD_NUMBER, WireFormat.WIRETYPE_LENGTH_DELIMITED);
            out.writeUInt32NoTag(structSize(fields, null));
            for (Map.Entry<?, ?> field : fields.entrySet()) {
                String key = String.valueOf(field.getKey());
                writeEntry(out, Struct.FIELDS_FIELD_NUMBER, key, field.getValue(), valueSize(field.getValue(), null));
            }
        }
    }

    private static RuntimeException invalid(String path, String problem) {
        return path == null ? Unsupported.INSTANCE : new InvalidPointException("payload field " + path + " " + problem);
    }
}
