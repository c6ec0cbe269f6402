package io.cortexsync.connector.surrealdb.source.convert;

import io.cortexsync.connector.surrealdb.client.SurrealNone;
import io.cortexsync.schema.hash.CanonicalJson;

import java.util.Base64;
import java.util.Collection;
import java.util.Map;

/**
 * A record as JSON text for a dead letter: every value is kept, values JSON cannot hold (record
 * ids, datetimes, NaN, infinities) as strings, so the raw record can always be written.
 */
final class RawJson {

    private RawJson() {}

    static String of(Object value) {
        StringBuilder out = new StringBuilder(256);
        write(out, value, 0);
        return out.toString();
    }

    private static void write(StringBuilder out, Object value, int depth) {
        if (depth > 64) {
            string(out, "<nested too deep>");
        } else if (value == null || value == SurrealNone.NONE) {
            out.append("null");
        } else if (value instanceof Boolean) {
            out.append(value);
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte
                || value instanceof java.math.BigInteger || value instanceof java.math.BigDecimal) {
            out.append(value);
        } else if (value instanceof Double || value instanceof Float) {
            number(out, ((Number) value).doubleValue());
        } else if (value instanceof float[]) {
            float[] floats = (float[]) value;
            out.append('[');
            for (int i = 0; i < floats.length; i++) {
                if (i > 0) {
                    out.append(',');
                }
                number(out, floats[i]);
            }
            out.append(']');
        } else if (value instanceof byte[]) {
            string(out, Base64.getEncoder().encodeToString((byte[]) value));
        } else if (value instanceof Map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                string(out, String.valueOf(e.getKey()));
                out.append(':');
                write(out, e.getValue(), depth + 1);
            }
            out.append('}');
        } else if (value instanceof Collection) {
            out.append('[');
            boolean first = true;
            for (Object item : (Collection<?>) value) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                write(out, item, depth + 1);
            }
            out.append(']');
        } else {
            string(out, String.valueOf(value));
        }
    }

    private static void number(StringBuilder out, double d) {
        if (Double.isFinite(d)) {
            out.append(d);
        } else {
            string(out, Double.toString(d));
        }
    }

    private static void string(StringBuilder out, String s) {
        CanonicalJson.writeString(s, out);
    }
}
