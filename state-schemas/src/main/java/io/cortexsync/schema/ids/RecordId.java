package io.cortexsync.schema.ids;

import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A SurrealDB record id {@code table:key} with a string, integer or UUID key, and its one canonical
 * text form.
 *
 * <p>The canonical form is {@code table + ":" + renderedKey}, where the key is rendered as:
 *
 * <ul>
 *   <li>integer key: decimal, with a leading {@code -} when negative ({@code doc:42}, {@code
 *       doc:-7});
 *   <li>UUID key: lower-case, hyphenated ({@code doc:0190c5b2-7d4e-7a11-8f00-123456789abc});
 *   <li>string key: raw when it is made only of ASCII letters, digits and {@code _} and is not all
 *       digits ({@code doc:intro_2}); otherwise wrapped in {@code ⟨ ⟩} with {@code \} written as
 *       {@code \\} and {@code ⟩} as {@code \⟩} ({@code doc:⟨hello world⟩}, {@code doc:⟨42⟩}, {@code
 *       doc:⟨a\⟩b⟩}).
 * </ul>
 *
 * <p>The three forms never overlap, so distinct records always have distinct canonical ids (the
 * string key {@code "42"} and the integer key {@code 42} do not collide) and {@link #parse(String)}
 * recovers the typed key. Tables are written raw; they must be non-blank and contain no {@code :}.
 * String keys must be non-blank. Tables and keys must be well-formed UTF-16 (no unpaired
 * surrogates) and contain no ISO control characters.
 */
public final class RecordId implements Comparable<RecordId> {

    /** The type of a record key. */
    public enum KeyKind {
        STRING,
        INTEGER,
        UUID
    }

    private static final char OPEN = '⟨';
    private static final char CLOSE = '⟩';
    private static final Pattern CANONICAL_INTEGER = Pattern.compile("-?(0|[1-9][0-9]{0,18})");
    private static final Pattern CANONICAL_UUID =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private final String table;
    private final Object key;
    private final String canonical;

    private RecordId(String table, Object key) {
        this.table = table;
        this.key = key;
        this.canonical = table + ':' + renderKey(key);
    }

    /** A record id with a string key. */
    public static RecordId of(String table, String key) {
        checkTable(table);
        Objects.requireNonNull(key, "record key must not be null");
        if (key.isBlank()) {
            throw new IllegalArgumentException("record key must not be blank");
        }
        checkText(key, "record key");
        return new RecordId(table, key);
    }

    /** A record id with an integer key. */
    public static RecordId of(String table, long key) {
        checkTable(table);
        return new RecordId(table, key);
    }

    /** A record id with a UUID key. */
    public static RecordId of(String table, UUID key) {
        checkTable(table);
        Objects.requireNonNull(key, "record key must not be null");
        return new RecordId(table, key);
    }

    /**
     * A record id with a key of one of the supported Java types ({@link String}, {@link UUID}, or
     * an integral {@link Number} that fits a {@code long}).
     */
    public static RecordId ofKey(String table, Object key) {
        if (key instanceof String) {
            return of(table, (String) key);
        }
        if (key instanceof UUID) {
            return of(table, (UUID) key);
        }
        if (key instanceof Long
                || key instanceof Integer
                || key instanceof Short
                || key instanceof Byte) {
            return of(table, ((Number) key).longValue());
        }
        throw new IllegalArgumentException(
                "unsupported record key type "
                        + (key == null ? "null" : key.getClass().getName())
                        + ": keys are strings, integers or UUIDs");
    }

    /**
     * Parses a canonical record id (see the class documentation).
     *
     * @throws IllegalArgumentException if {@code text} is not a canonical record id
     */
    public static RecordId parse(String text) {
        Objects.requireNonNull(text, "record id must not be null");
        try {
            return parseChecked(text);
        } catch (IllegalArgumentException e) {
            throw e.getMessage().startsWith("record id '")
                    ? e
                    : new IllegalArgumentException("record id '" + text + "': " + e.getMessage());
        }
    }

    private static RecordId parseChecked(String text) {
        if (text.isBlank()) {
            throw new IllegalArgumentException("record id must not be blank");
        }
        int colon = text.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException(
                    "record id '" + text + "' has no ':' between table and key");
        }
        String table = text.substring(0, colon);
        String keyText = text.substring(colon + 1);
        if (keyText.isEmpty()) {
            throw new IllegalArgumentException("record id '" + text + "' has an empty key");
        }
        if (keyText.charAt(0) == OPEN) {
            return of(table, unescape(keyText, text));
        }
        if (CANONICAL_INTEGER.matcher(keyText).matches() && !keyText.equals("-0")) {
            try {
                return of(table, Long.parseLong(keyText));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        "record id '" + text + "' has an integer key outside the 64-bit range");
            }
        }
        if (CANONICAL_UUID.matcher(keyText).matches()) {
            return of(table, UUID.fromString(keyText));
        }
        if (isRawString(keyText)) {
            return of(table, keyText);
        }
        throw new IllegalArgumentException(
                "record id '"
                        + text
                        + "' is not canonical: write string keys other than letters, digits"
                        + " and '_' (or all digits) as ⟨key⟩");
    }

    public String table() {
        return table;
    }

    /** The key: a {@link String}, a {@link Long} or a {@link UUID}. */
    public Object key() {
        return key;
    }

    public KeyKind keyKind() {
        if (key instanceof String) {
            return KeyKind.STRING;
        }
        return key instanceof Long ? KeyKind.INTEGER : KeyKind.UUID;
    }

    /** The canonical text form, {@code table:key}. */
    public String canonical() {
        return canonical;
    }

    @Override
    public int compareTo(RecordId other) {
        return canonical.compareTo(other.canonical);
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof RecordId && canonical.equals(((RecordId) o).canonical));
    }

    @Override
    public int hashCode() {
        return canonical.hashCode();
    }

    /** The canonical text form. */
    @Override
    public String toString() {
        return canonical;
    }

    private static void checkTable(String table) {
        Objects.requireNonNull(table, "table must not be null");
        if (table.isBlank()) {
            throw new IllegalArgumentException("table must not be blank");
        }
        if (table.indexOf(':') >= 0) {
            throw new IllegalArgumentException("table '" + table + "' must not contain ':'");
        }
        checkText(table, "table");
    }

    private static void checkText(String text, String what) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c)) {
                throw new IllegalArgumentException(
                        what + " contains the control character U+" + hex4(c) + " at index " + i);
            }
            if (Character.isHighSurrogate(c)
                    && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException(
                        what + " contains an unpaired surrogate U+" + hex4(c) + " at index " + i);
            }
        }
    }

    private static String hex4(char c) {
        return String.format("%04X", (int) c);
    }

    private static String renderKey(Object key) {
        if (key instanceof Long) {
            return Long.toString((Long) key);
        }
        if (key instanceof UUID) {
            return key.toString();
        }
        String s = (String) key;
        if (isRawString(s)) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length() + 2).append(OPEN);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' || c == CLOSE) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.append(CLOSE).toString();
    }

    /** Letters, digits and '_' only, and not all digits (those would read as an integer). */
    private static boolean isRawString(String s) {
        boolean allDigits = true;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean digit = c >= '0' && c <= '9';
            boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
            if (!digit && !letter) {
                return false;
            }
            allDigits &= digit;
        }
        return !s.isEmpty() && !allDigits;
    }

    private static String unescape(String keyText, String whole) {
        if (keyText.length() < 2 || keyText.charAt(keyText.length() - 1) != CLOSE) {
            throw new IllegalArgumentException("record id '" + whole + "' has an unclosed ⟨");
        }
        StringBuilder out = new StringBuilder(keyText.length());
        int end = keyText.length() - 1;
        for (int i = 1; i < end; i++) {
            char c = keyText.charAt(i);
            if (c == '\\') {
                if (i + 1 < end
                        && (keyText.charAt(i + 1) == '\\' || keyText.charAt(i + 1) == CLOSE)) {
                    out.append(keyText.charAt(++i));
                    continue;
                }
                throw new IllegalArgumentException(
                        "record id '" + whole + "' has a bad escape at index " + i);
            }
            if (c == CLOSE) {
                throw new IllegalArgumentException(
                        "record id '" + whole + "' has an unescaped ⟩ inside ⟨ ⟩");
            }
            out.append(c);
        }
        return out.toString();
    }
}
