package io.cortexsync.connector.surrealdb.sink.internal;

import io.cortexsync.connector.surrealdb.client.Statement;
import io.cortexsync.connector.surrealdb.client.SurrealRecordId;
import io.cortexsync.connector.surrealdb.sink.SurrealWrite;

import org.apache.flink.annotation.Internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The SurrealQL of each write, every value bound. Only the version field's name is written into
 * the text, since identifiers cannot be bound: it is checked to be a plain identifier first.
 *
 * <p>Guarded writes carry a {@code WHERE} on the stored version and return the record's id when
 * they were applied, nothing otherwise. (Subqueries and blocks are avoided: in SurrealDB 3.0 they
 * do not see the enclosing transaction's own writes.)
 */
@Internal
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
        if (!isGuarded(write)) {
            return write.kind() == SurrealWrite.Kind.UPSERT ? Statement.upsert(id, write.content()) : Statement.delete(id);
        }
        String guard = " WHERE " + versionField + " == NONE OR " + versionField + " < ";
        if (write.kind() == SurrealWrite.Kind.UPSERT) {
            Map<String, Object> doc = new LinkedHashMap<>(write.content());
            doc.put(versionField, write.version());
            return Statement.builder().sql("UPSERT ").bind(id).sql(" CONTENT ").bind(doc)
                    .sql(guard).bind(write.version()).sql(" RETURN VALUE id").label(id.toString()).build();
        }
        return Statement.builder().sql("DELETE ").bind(id)
                .sql(guard).bind(write.version()).sql(" RETURN VALUE $before.id").label(id.toString()).build();
    }

    /** The version field's name, checked to be an identifier; null when the guard is off. */
    public String versionField() {
        return versionField;
    }
}
