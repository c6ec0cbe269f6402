package io.cortexsync.schema.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.cortexsync.schema.ids.RecordId;

import java.io.IOException;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Typed reads of field values, with messages naming the record and field; and shared writes. */
final class JsonValuesIO {

    private JsonValuesIO() {}

    static String text(JsonParser p, String record, String field) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t != JsonToken.VALUE_STRING) {
            throw typeError(record, field, "a string", t);
        }
        return p.getText();
    }

    static Long integer(JsonParser p, String record, String field) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t != JsonToken.VALUE_NUMBER_INT
                || p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            throw typeError(record, field, "a 64-bit integer", t);
        }
        return p.getLongValue();
    }

    static Integer int32(JsonParser p, String record, String field) throws IOException {
        Long value = integer(p, record, field);
        if (value != null && (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE)) {
            throw new SchemaJsonException(
                    record + ": field '" + field + "' must be a 32-bit integer, got " + value);
        }
        return value == null ? null : value.intValue();
    }

    /** An ISO-8601 instant ("2026-11-25T08:33:30.123Z", offsets accepted) or epoch milliseconds. */
    static Instant instant(JsonParser p, String record, String field) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t == JsonToken.VALUE_NUMBER_INT) {
            return Instant.ofEpochMilli(integer(p, record, field));
        }
        String text = text(p, record, field);
        try {
            return Instant.parse(text);
        } catch (DateTimeException e) {
            throw new SchemaJsonException(
                    record + ": field '" + field + "' is not an ISO-8601 instant: '" + text + "'");
        }
    }

    /** Parses a canonical record id; {@code table}, when given, must be the id's table. */
    static RecordId recordId(String id, String table, String record) {
        RecordId parsed;
        try {
            parsed = RecordId.parse(id);
        } catch (IllegalArgumentException e) {
            throw new SchemaJsonException(record + ": field 'id': " + e.getMessage(), e);
        }
        if (table != null && !table.equals(parsed.table())) {
            throw new SchemaJsonException(
                    record
                            + ": field 'table' is '"
                            + table
                            + "' but 'id' is in table '"
                            + parsed.table()
                            + "'");
        }
        return parsed;
    }

    static UUID uuid(JsonParser p, String record, String field) throws IOException {
        String text = text(p, record, field);
        if (text == null) {
            return null;
        }
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw new SchemaJsonException(
                    record + ": field '" + field + "' is not a UUID: '" + text + "'");
        }
    }

    static <E extends Enum<E>> E enumValue(JsonParser p, Class<E> type, String record, String field)
            throws IOException {
        String text = text(p, record, field);
        if (text == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, text);
        } catch (IllegalArgumentException e) {
            throw new SchemaJsonException(
                    record
                            + ": field '"
                            + field
                            + "' must be one of "
                            + Arrays.toString(type.getEnumConstants())
                            + ", got '"
                            + text
                            + "'");
        }
    }

    /**
     * A vector: an array of numbers read as binary32 (rounded once, from the decimal text).
     * Non-finite elements are accepted as the bare tokens or the strings {@code NaN}, {@code
     * Infinity}, {@code -Infinity}, so that such vectors reach the dead-letter checks.
     */
    static float[] vector(JsonParser p, String record, String field) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t != JsonToken.START_ARRAY) {
            throw typeError(record, field, "an array of numbers", t);
        }
        float[] values = new float[64];
        int n = 0;
        for (t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            float value;
            if (t == JsonToken.VALUE_NUMBER_FLOAT || t == JsonToken.VALUE_NUMBER_INT) {
                value = p.getFloatValue();
            } else if (t == JsonToken.VALUE_STRING && nonFinite(p.getText()) != null) {
                value = nonFinite(p.getText());
            } else {
                throw new SchemaJsonException(
                        record + ": field '" + field + "' element " + n + " is not a number: " + t);
            }
            if (n == values.length) {
                values = Arrays.copyOf(values, n * 2);
            }
            values[n++] = value;
        }
        return Arrays.copyOf(values, n);
    }

    private static Float nonFinite(String text) {
        switch (text) {
            case "NaN":
                return Float.NaN;
            case "Infinity":
                return Float.POSITIVE_INFINITY;
            case "-Infinity":
                return Float.NEGATIVE_INFINITY;
            default:
                return null;
        }
    }

    /** A JSON object as a map of plain Java values (Long, BigInteger, Double, ...). */
    static Map<String, Object> object(JsonParser p, String record, String field)
            throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t != JsonToken.START_OBJECT) {
            throw typeError(record, field, "an object", t);
        }
        Map<String, Object> map = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            map.put(name, value(p, record, field));
        }
        return map;
    }

    private static Object value(JsonParser p, String record, String field) throws IOException {
        switch (p.currentToken()) {
            case VALUE_NULL:
                return null;
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_STRING:
                return p.getText();
            case VALUE_NUMBER_INT:
                return p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                        ? (Object) p.getBigIntegerValue()
                        : (Object) p.getLongValue();
            case VALUE_NUMBER_FLOAT:
                return p.getDoubleValue();
            case START_ARRAY:
                List<Object> list = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    list.add(value(p, record, field));
                }
                return list;
            case START_OBJECT:
                return object(p, record, field);
            default:
                throw typeError(record, field, "JSON values", p.currentToken());
        }
    }

    static void writeValue(JsonGenerator gen, Object value) throws IOException {
        if (value == null) {
            gen.writeNull();
        } else if (value instanceof String) {
            gen.writeString((String) value);
        } else if (value instanceof Boolean) {
            gen.writeBoolean((Boolean) value);
        } else if (value instanceof Long) {
            gen.writeNumber((Long) value);
        } else if (value instanceof BigInteger) {
            gen.writeNumber((BigInteger) value);
        } else if (value instanceof Double) {
            gen.writeNumber((Double) value);
        } else if (value instanceof Map) {
            gen.writeStartObject();
            for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                gen.writeFieldName((String) e.getKey());
                writeValue(gen, e.getValue());
            }
            gen.writeEndObject();
        } else if (value instanceof List) {
            gen.writeStartArray();
            for (Object element : (List<?>) value) {
                writeValue(gen, element);
            }
            gen.writeEndArray();
        } else {
            throw new IllegalArgumentException(
                    "not a normalized JSON value: " + value.getClass().getName());
        }
    }

    static void writeVector(JsonGenerator gen, String field, float[] vector) throws IOException {
        gen.writeFieldName(field);
        gen.writeStartArray(vector, vector.length);
        for (float v : vector) {
            if (Float.isFinite(v)) {
                gen.writeNumber(v);
            } else {
                gen.writeString(Float.toString(v));
            }
        }
        gen.writeEndArray();
    }

    static void writeOptional(JsonGenerator gen, String field, String value) throws IOException {
        if (value != null) {
            gen.writeStringField(field, value);
        }
    }

    static SchemaJsonException typeError(
            String record, String field, String expected, JsonToken got) {
        return new SchemaJsonException(
                record + ": field '" + field + "' must be " + expected + ", got " + got);
    }
}
