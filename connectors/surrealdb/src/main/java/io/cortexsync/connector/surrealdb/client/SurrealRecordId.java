package io.cortexsync.connector.surrealdb.client;

import io.cortexsync.schema.ids.RecordId;

import org.apache.flink.annotation.PublicEvolving;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A SurrealDB record id as a value (CBOR tag 8, {@code [table, key]}), bound to queries so that
 * no key is ever written into SurrealQL text.
 *
 * <p>The key is a {@link String}, a {@link Long}, a {@link UUID}, a {@link List} (array key), a
 * {@link Map} (object key) or a {@link SurrealRange} (a record range such as {@code t:1..5}).
 * Ids with string, integer or UUID keys convert to and from the schema's {@link RecordId}.
 */
@PublicEvolving
public final class SurrealRecordId {

    private final String table;
    private final Object key;

    private SurrealRecordId(String table, Object key) {
        this.table = table;
        this.key = key;
    }

    public static SurrealRecordId of(String table, String key) {
        return new SurrealRecordId(checkTable(table), Objects.requireNonNull(key, "key"));
    }

    public static SurrealRecordId of(String table, long key) {
        return new SurrealRecordId(checkTable(table), key);
    }

    public static SurrealRecordId of(String table, UUID key) {
        return new SurrealRecordId(checkTable(table), Objects.requireNonNull(key, "key"));
    }

    /** The records of {@code table} whose keys lie in {@code range}. */
    public static SurrealRecordId range(String table, SurrealRange range) {
        return new SurrealRecordId(checkTable(table), Objects.requireNonNull(range, "range"));
    }

    /** An id with a key of any supported type; integers of every width become {@link Long}. */
    public static SurrealRecordId ofKey(String table, Object key) {
        return new SurrealRecordId(checkTable(table), normalizeKey(key));
    }

    /** The same record as the schema's canonical id. */
    public static SurrealRecordId fromRecordId(RecordId id) {
        return ofKey(id.table(), id.key());
    }

    public String table() {
        return table;
    }

    /** The key: String, Long, UUID, List, Map or SurrealRange. */
    public Object key() {
        return key;
    }

    /** Whether the key is a string, an integer or a UUID, the keys {@link RecordId} can hold. */
    public boolean hasSimpleKey() {
        return key instanceof String || key instanceof Long || key instanceof UUID;
    }

    /**
     * The schema's canonical id for this record.
     *
     * @throws IllegalArgumentException if the key is not a string, an integer or a UUID, or the
     *     schema refuses it (e.g. a blank string key)
     */
    public RecordId toRecordId() {
        if (!hasSimpleKey()) {
            throw new IllegalArgumentException(
                    "record id " + this + " has a " + key.getClass().getSimpleName()
                            + " key; only string, integer and UUID keys convert to a RecordId");
        }
        return RecordId.ofKey(table, key);
    }

    @Override
    public boolean equals(Object o) {
        return this == o
                || (o instanceof SurrealRecordId
                        && table.equals(((SurrealRecordId) o).table)
                        && key.equals(((SurrealRecordId) o).key));
    }

    @Override
    public int hashCode() {
        return 31 * table.hashCode() + key.hashCode();
    }

    /** The canonical text for simple keys; a readable form otherwise. Never parsed as SurrealQL. */
    @Override
    public String toString() {
        if (hasSimpleKey() && !(key instanceof String && ((String) key).isBlank())) {
            try {
                return toRecordId().canonical();
            } catch (IllegalArgumentException notCanonical) {
                // control characters or a ':' in the table: fall through to the plain form
            }
        }
        return table + ":" + key;
    }

    private static String checkTable(String table) {
        Objects.requireNonNull(table, "table must not be null");
        if (table.isEmpty()) {
            throw new IllegalArgumentException("table must not be empty");
        }
        return table;
    }

    private static Object normalizeKey(Object key) {
        if (key instanceof String || key instanceof Long || key instanceof UUID || key instanceof SurrealRange) {
            return key;
        }
        if (key instanceof List || key instanceof Map) {
            return normalizePart(key);
        }
        if (key instanceof Integer || key instanceof Short || key instanceof Byte) {
            return ((Number) key).longValue();
        }
        throw new IllegalArgumentException(
                "unsupported record key type " + (key == null ? "null" : key.getClass().getName())
                        + ": keys are String, Long, UUID, List, Map or SurrealRange");
    }

    /** Integers inside array and object keys become Long too, as they come back from the server. */
    private static Object normalizePart(Object part) {
        if (part instanceof Integer || part instanceof Short || part instanceof Byte) {
            return ((Number) part).longValue();
        }
        if (part instanceof List) {
            List<Object> copy = new ArrayList<>(((List<?>) part).size());
            ((List<?>) part).forEach(item -> copy.add(normalizePart(item)));
            return Collections.unmodifiableList(copy);
        }
        if (part instanceof Map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            ((Map<?, ?>) part).forEach((k, v) -> copy.put(k, normalizePart(v)));
            return Collections.unmodifiableMap(copy);
        }
        return part;
    }
}
