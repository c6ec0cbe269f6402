package io.cortexsync.connector.surrealdb.sink;

import io.cortexsync.connector.surrealdb.client.SurrealRecordId;

import org.apache.flink.annotation.PublicEvolving;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One write the sink applies by record id: an upsert of the record's whole content or a delete,
 * each with an optional version for the sink's version guard. Immutable.
 */
@PublicEvolving
public final class SurrealWrite {

    /** What the write does. */
    public enum Kind {
        /** Replace the record's content, creating the record if needed. */
        UPSERT,
        /** Remove the record if it exists. */
        DELETE
    }

    private final Kind kind;
    private final SurrealRecordId id;
    private final Map<String, Object> content;
    private final Long version;

    private SurrealWrite(Kind kind, SurrealRecordId id, Map<String, Object> content, Long version) {
        this.kind = kind;
        this.id = Objects.requireNonNull(id, "id");
        this.content = content;
        this.version = version;
    }

    /** Replaces the record {@code id} with {@code content}, unguarded. */
    public static SurrealWrite upsert(SurrealRecordId id, Map<String, ?> content) {
        return upsert(id, content, null);
    }

    /**
     * Replaces the record {@code id} with {@code content}; with the version guard on, only when
     * {@code version} is newer than the stored one (a null version is applied unguarded).
     */
    public static SurrealWrite upsert(SurrealRecordId id, Map<String, ?> content, Long version) {
        Objects.requireNonNull(content, "content");
        return new SurrealWrite(Kind.UPSERT, id, Collections.unmodifiableMap(new LinkedHashMap<>(content)), version);
    }

    /** Deletes the record {@code id}, unguarded. */
    public static SurrealWrite delete(SurrealRecordId id) {
        return delete(id, null);
    }

    /**
     * Deletes the record {@code id}; with the version guard on, only when {@code version} is newer
     * than the stored one (a null version deletes unguarded).
     */
    public static SurrealWrite delete(SurrealRecordId id, Long version) {
        return new SurrealWrite(Kind.DELETE, id, null, version);
    }

    public Kind kind() {
        return kind;
    }

    public SurrealRecordId id() {
        return id;
    }

    /** The content of an upsert; null for a delete. */
    public Map<String, Object> content() {
        return content;
    }

    /** The version, or null when the write has none. */
    public Long version() {
        return version;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof SurrealWrite)) {
            return false;
        }
        SurrealWrite that = (SurrealWrite) o;
        return kind == that.kind && id.equals(that.id) && Objects.equals(content, that.content)
                && Objects.equals(version, that.version);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, id, content, version);
    }

    /** Names the content's fields, never their values. */
    @Override
    public String toString() {
        return "SurrealWrite{" + kind + " " + id + (content == null ? "" : ", fields=" + content.keySet())
                + (version == null ? "" : ", version=" + version) + '}';
    }
}
