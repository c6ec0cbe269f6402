package io.cortexsync.schema.hash;

import com.fasterxml.jackson.core.io.schubfach.DoubleToDecimal;
import io.cortexsync.schema.model.JsonValues;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Canonical JSON text of a JSON-like value, the form that {@link ContentHash} hashes.
 *
 * <p>The rules follow RFC 8785 (JSON Canonicalization Scheme), with exact integers:
 *
 * <ul>
 *   <li>no whitespace; object members sorted by key, comparing UTF-16 code units ({@link
 *       String#compareTo}), at every level;
 *   <li>strings: {@code "} and {@code \} escaped with a backslash; U+0008, U+0009, U+000A, U+000C,
 *       U+000D as {@code \b \t \n \f \r}; other characters below U+0020 as {@code \}{@code u00xx}
 *       (lower-case hex); every other character as itself (UTF-8 once encoded);
 *   <li>integers ({@code Long}, {@code BigInteger}): exact decimal digits;
 *   <li>other numbers ({@code Double}): ECMAScript's Number-to-String of the shortest decimal that
 *       reads back as the same double, as in RFC 8785: {@code 1.0} is {@code 1} (so the float
 *       {@code 1.0} and the integer {@code 1} are the same value), {@code 0.5} is {@code 0.5},
 *       {@code -0.0} is {@code 0}, {@code 1e21} is {@code 1e+21}, {@code 1e-7} is {@code 1e-7};
 *   <li>{@code true}, {@code false}, {@code null}.
 * </ul>
 *
 * <p>Values are first normalized by {@link JsonValues} (e.g. a {@code Float} widens exactly to a
 * {@code Double}). The shortest decimal comes from a JDK-independent implementation, so the text is
 * the same on every Java version.
 */
public final class CanonicalJson {

    private CanonicalJson() {}

    /** The canonical JSON text of a JSON-like value. */
    public static String write(Object value) {
        StringBuilder out = new StringBuilder();
        writeNormalized(JsonValues.normalize(value), out);
        return out.toString();
    }

    /** Appends the canonical text of an already normalized value. */
    static void writeNormalized(Object value, StringBuilder out) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String) {
            writeString((String) value, out);
        } else if (value instanceof Boolean) {
            out.append(((Boolean) value) ? "true" : "false");
        } else if (value instanceof Long || value instanceof BigInteger) {
            out.append(value);
        } else if (value instanceof Double) {
            out.append(formatDouble((Double) value));
        } else if (value instanceof Map) {
            writeObject((Map<?, ?>) value, out, false);
        } else if (value instanceof List) {
            out.append('[');
            boolean first = true;
            for (Object element : (List<?>) value) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                writeNormalized(element, out);
            }
            out.append(']');
        } else {
            throw new IllegalArgumentException(
                    "not a normalized JSON value: " + value.getClass().getName());
        }
    }

    /** Appends an object, leaving out keys that start with _ when {@code skipUnderscoreKeys}. */
    static void writeObject(Map<?, ?> map, StringBuilder out, boolean skipUnderscoreKeys) {
        List<String> keys = new ArrayList<>(map.size());
        for (Object key : map.keySet()) {
            String k = (String) key;
            if (!(skipUnderscoreKeys && k.startsWith("_"))) {
                keys.add(k);
            }
        }
        keys.sort(null);
        out.append('{');
        for (int i = 0; i < keys.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            writeString(keys.get(i), out);
            out.append(':');
            writeNormalized(map.get(keys.get(i)), out);
        }
        out.append('}');
    }

    /** Appends {@code s} as a JSON string with RFC 8785's escaping; any JSON writer may use it. */
    public static void writeString(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"':
                    out.append("\\\"");
                    break;
                case '\\':
                    out.append("\\\\");
                    break;
                case '\b':
                    out.append("\\b");
                    break;
                case '\t':
                    out.append("\\t");
                    break;
                case '\n':
                    out.append("\\n");
                    break;
                case '\f':
                    out.append("\\f");
                    break;
                case '\r':
                    out.append("\\r");
                    break;
                default:
                    if (c < 0x20) {
                        out.append("\\u00")
                                .append(Character.forDigit(c >> 4, 16))
                                .append(Character.forDigit(c & 0xF, 16));
                    } else {
                        out.append(c);
                    }
            }
        }
        out.append('"');
    }

    /** ECMAScript Number::toString of a finite double (RFC 8785 section 3.2.2.3). */
    static String formatDouble(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(value + " has no JSON form");
        }
        if (value == 0.0) {
            return "0";
        }
        double positive = Math.abs(value);
        if (positive < Double.MIN_NORMAL) {
            return formatWithBigDecimal(value);
        }
        // Java's shortest digits ("d.ddd", "ddd.d" or "d.dddEx") are ECMAScript's for a normal
        // double: where a 1-digit decimal reads back, Java writes that decimal with a trailing 0
        // (no other 2-digit decimal is within half an ulp), which the stripping below removes.
        String java = DoubleToDecimal.toString(positive);
        int exponentAt = java.indexOf('E');
        int mantissaEnd = exponentAt < 0 ? java.length() : exponentAt;
        int exponent = exponentAt < 0 ? 0 : Integer.parseInt(java, exponentAt + 1, java.length(), 10);
        StringBuilder digits = new StringBuilder(mantissaEnd);
        int n = exponent; // value = 0.digits × 10^n
        boolean beforePoint = true;
        for (int i = 0; i < mantissaEnd; i++) {
            char c = java.charAt(i);
            if (c == '.') {
                beforePoint = false;
            } else if (c == '0' && digits.length() == 0) {
                n -= beforePoint ? 0 : 1; // a leading zero: 0.00ddd
            } else {
                digits.append(c);
                n += beforePoint ? 1 : 0;
            }
        }
        int k = digits.length();
        while (k > 1 && digits.charAt(k - 1) == '0') {
            k--;
        }
        digits.setLength(k);
        return ecmaScript(value < 0, digits, n);
    }

    /** {@link #formatDouble} for any finite double, through exact decimals: the reference. */
    static String formatWithBigDecimal(double value) {
        if (value == 0.0) {
            return "0";
        }
        BigDecimal shortest = shortestDecimal(Math.abs(value));
        String digits = shortest.unscaledValue().toString();
        return ecmaScript(value < 0, digits, digits.length() - shortest.scale());
    }

    /** The text of {@code ±0.digits × 10^n} (digits without leading or trailing zeros). */
    private static String ecmaScript(boolean negative, CharSequence digits, int n) {
        int k = digits.length();
        StringBuilder out = new StringBuilder(k + 8);
        if (negative) {
            out.append('-');
        }
        if (k <= n && n <= 21) {
            out.append(digits);
            for (int i = k; i < n; i++) {
                out.append('0');
            }
        } else if (0 < n && n <= 21) {
            out.append(digits, 0, n).append('.').append(digits, n, k);
        } else if (-6 < n && n <= 0) {
            out.append("0.");
            for (int i = n; i < 0; i++) {
                out.append('0');
            }
            out.append(digits);
        } else {
            out.append(digits.charAt(0));
            if (k > 1) {
                out.append('.').append(digits, 1, k);
            }
            int exponent = n - 1;
            out.append('e').append(exponent < 0 ? '-' : '+').append(Math.abs(exponent));
        }
        return out.toString();
    }

    /**
     * The shortest decimal that reads back as {@code positive}, the closest one if there are
     * several. Java's algorithm (here a JDK-independent copy) prefers a closer 2-digit decimal over
     * a 1-digit one (4.9e-324, not 5e-324); ECMAScript wants the 1-digit one.
     */
    private static BigDecimal shortestDecimal(double positive) {
        BigDecimal javaDigits =
                new BigDecimal(DoubleToDecimal.toString(positive)).stripTrailingZeros();
        if (javaDigits.precision() != 2) {
            return javaDigits;
        }
        BigDecimal exact = new BigDecimal(positive);
        BigDecimal best = null;
        for (RoundingMode mode : new RoundingMode[] {RoundingMode.FLOOR, RoundingMode.CEILING}) {
            BigDecimal candidate = javaDigits.round(new MathContext(1, mode));
            if (candidate.signum() > 0
                    && candidate.doubleValue() == positive
                    && (best == null || isCloser(candidate, best, exact))) {
                best = candidate;
            }
        }
        return best == null ? javaDigits : best.stripTrailingZeros();
    }

    private static boolean isCloser(BigDecimal a, BigDecimal b, BigDecimal target) {
        return a.subtract(target).abs().compareTo(b.subtract(target).abs()) < 0;
    }
}
