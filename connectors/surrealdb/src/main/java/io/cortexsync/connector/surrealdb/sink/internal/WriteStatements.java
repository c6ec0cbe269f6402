package io.cortexsync.connector.surrealdb.sink.internal;

import io.cortexsync.connector.surrealdb.client.Statement;
import io.cortexsync.connector.surrealdb.client.SurrealRecordId;
import io.cortexsync.connector.surrealdb.sink.SurrealWrite;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The SurrealQL of each write, every value bound. Only the version field's name is written into
 * the text, since identifiers cannot be bound: it is checked to be a plain identifier first.
 *
 * <p>Deletes look the record up before deleting, because SurrealDB 3 refuses {@code DELETE} on a
 * table that does not exist (yet), which would fail the whole batch's transaction. Guarded
 * writes answer {@code true} when applied and the stored version otherwise.
 */
public final class WriteStatements {

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final String versionField;

    /** Statements without version guard. */
    public WriteStatements() {
        this.versionField = null;
    }

    /** Statements whose versioned writes apply only over an older stored {@code versionField}. */
    public WriteStatements(String versionField) {
        this.versionField = checkVersionField(versionField);
    }

    /** The field name, when it is a plain identifier; throws otherwise. */
    public static String checkVersionField(String field) {
        if (field == null || !IDENTIFIER.matcher(field).matches()) {
            throw new IllegalArgumentException(
                    "the version field must be an identifier ([A-Za-z_][A-Za-z0-9_]*), not '" + field + "'");
        }
        return field;
    }

    /** Whether {@code write} is applied only over an older stored version. */
    public boolean isGuarded(SurrealWrite write) {
        return versionField != null && write.version() != null;
    }

    public Statement statement(SurrealWrite write) {
        SurrealRecordId id = write.id();
        String label = id.toString();
        if (!isGuarded(write)) {
            return write.kind() == SurrealWrite.Kind.UPSERT
                    ? Statement.upsert(id, write.content())
                    : Statement.builder().sql("IF ").bind(id).sql(".id != NONE { DELETE ").bind(id)
                            .sql(" RETURN NONE }").label(label).build();
        }
        long version = write.version();
        String field = "." + versionField;
        if (write.kind() == SurrealWrite.Kind.UPSERT) {
            Map<String, Object> doc = new LinkedHashMap<>(write.content());
            doc.put(versionField, version);
            return Statement.builder()
                    .sql("RETURN IF ").bind(id).sql(field + " == NONE OR ").bind(id).sql(field + " < ").bind(version)
                    .sql(" { UPSERT ").bind(id).sql(" CONTENT ").bind(doc).sql(" RETURN NONE; true } ELSE { ")
                    .bind(id).sql(field + " }")
                    .label(label).build();
        }
        return Statement.builder()
                .sql("RETURN IF ").bind(id).sql(".id == NONE { true } ELSE IF ").bind(id).sql(field + " == NONE OR ")
                .bind(id).sql(field + " < ").bind(version)
                .sql(" { DELETE ").bind(id).sql(" RETURN NONE; true } ELSE { ").bind(id).sql(field + " }")
                .label(label).build();
    }
}
