package io.cortexsync.connector.qdrant.convert;

import io.qdrant.client.grpc.JsonWithInt.ListValue;
import io.qdrant.client.grpc.JsonWithInt.NullValue;
import io.qdrant.client.grpc.JsonWithInt.Struct;
import io.qdrant.client.grpc.JsonWithInt.Value;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JSON-like Java values (as normalized by the schema's {@code JsonValues}) as Qdrant payload values. */
public final class PayloadValues {

    private PayloadValues() {}

    /** A payload map of JSON-like values. */
    public static Map<String, Value> payload(Map<String, ?> values) {
        Map<String, Value> payload = new LinkedHashMap<>(values.size() * 2);
        values.forEach((key, value) -> payload.put(key, value(value, key)));
        return payload;
    }

    /** One JSON-like value; {@code path} names it in the error of an unsupported value. */
    public static Value value(Object value, String path) {
        if (value == null) {
            return Value.newBuilder().setNullValue(NullValue.NULL_VALUE).build();
        }
        if (value instanceof String) {
            return Value.newBuilder().setStringValue((String) value).build();
        }
        if (value instanceof Boolean) {
            return Value.newBuilder().setBoolValue((Boolean) value).build();
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return Value.newBuilder().setIntegerValue(((Number) value).longValue()).build();
        }
        if (value instanceof BigInteger) {
            throw new InvalidPointException(
                    "payload field " + path + " holds the integer " + value + ", outside Qdrant's 64-bit integers");
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (!Double.isFinite(d)) {
                throw new InvalidPointException("payload field " + path + " is " + d + ", which JSON cannot hold");
            }
            return Value.newBuilder().setDoubleValue(d).build();
        }
        if (value instanceof List) {
            ListValue.Builder list = ListValue.newBuilder();
            List<?> items = (List<?>) value;
            for (int i = 0; i < items.size(); i++) {
                list.addValues(value(items.get(i), path + "[" + i + "]"));
            }
            return Value.newBuilder().setListValue(list).build();
        }
        if (value instanceof Map) {
            Struct.Builder struct = Struct.newBuilder();
            ((Map<?, ?>) value).forEach((k, v) -> struct.putFields(String.valueOf(k), value(v, path + "." + k)));
            return Value.newBuilder().setStructValue(struct).build();
        }
        throw new InvalidPointException(
                "payload field " + path + " has the unsupported type " + value.getClass().getName());
    }
}
