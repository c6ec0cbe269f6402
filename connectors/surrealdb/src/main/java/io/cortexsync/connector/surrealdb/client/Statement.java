package io.cortexsync.connector.surrealdb.client;

import org.apache.flink.annotation.PublicEvolving;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One SurrealQL statement of a batch or transaction, its values kept apart from its text: each
 * {@link Builder#bind(Object)} puts a variable ({@code $v0}, {@code $v1}, ... numbered per
 * request) where the value goes, and the value travels in the request's variables. Immutable.
 *
 * <pre>{@code
 * Statement.builder().sql("UPSERT ").bind(id).sql(" CONTENT ").bind(doc).sql(" RETURN NONE").label(id.toString()).build()
 * }</pre>
 */
@PublicEvolving
public final class Statement {

    private final List<String> sqlParts;
    private final List<Object> values;
    private final String label;

    private Statement(List<String> sqlParts, List<Object> values, String label) {
        this.sqlParts = sqlParts;
        this.values = values;
        this.label = label;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A statement without values, e.g. {@code DEFINE TABLE ...}; never build its text from data. */
    public static Statement of(String sql) {
        return builder().sql(sql).build();
    }

    /** {@code UPSERT $id CONTENT $content RETURN NONE}: replaces the record, or creates it. */
    public static Statement upsert(SurrealRecordId id, Map<String, ?> content) {
        return builder().sql("UPSERT ").bind(id).sql(" CONTENT ").bind(content).sql(" RETURN NONE")
                .label(id.toString()).build();
    }

    /** {@code DELETE $id RETURN NONE}: removes the record if it exists. */
    public static Statement delete(SurrealRecordId id) {
        return builder().sql("DELETE ").bind(id).sql(" RETURN NONE").label(id.toString()).build();
    }

    /** The bound values, in order. */
    public List<Object> values() {
        return values;
    }

    /** What the statement is about (e.g. its record id), for error messages; may be null. */
    public String label() {
        return label;
    }

    /** The text fragments around the values: one more than there are values. */
    List<String> sqlParts() {
        return sqlParts;
    }

    /** The text with {@code $v<first>, $v<first+1>, ...} in place of the values. */
    String render(int firstVariable) {
        StringBuilder sql = new StringBuilder(sqlParts.get(0));
        for (int i = 0; i < values.size(); i++) {
            sql.append('$').append(variableName(firstVariable + i)).append(sqlParts.get(i + 1));
        }
        return sql.toString();
    }

    static String variableName(int index) {
        return "v" + index;
    }

    @Override
    public String toString() {
        return (label == null ? "" : label + ": ") + render(0);
    }

    /** Builds a {@link Statement} from text fragments and bound values. */
    public static final class Builder {
        private final List<String> parts = new ArrayList<>(List.of(""));
        private final List<Object> values = new ArrayList<>();
        private String label;

        private Builder() {}

        /** Appends SurrealQL text: written by the program, never taken from data. */
        public Builder sql(String text) {
            int last = parts.size() - 1;
            parts.set(last, parts.get(last) + Objects.requireNonNull(text, "text"));
            return this;
        }

        /** Appends a variable that carries {@code value} (any type {@code SurrealValueWriter} writes). */
        public Builder bind(Object value) {
            values.add(value);
            parts.add("");
            return this;
        }

        public Builder label(String label) {
            this.label = label;
            return this;
        }

        public Statement build() {
            if (parts.stream().allMatch(String::isBlank)) {
                throw new IllegalArgumentException("a statement needs SurrealQL text");
            }
            // statements are joined with ';': a trailing one would leave an empty statement
            int last = parts.size() - 1;
            parts.set(last, parts.get(last).replaceAll("[\\s;]+$", ""));
            return new Statement(List.copyOf(parts), Collections.unmodifiableList(new ArrayList<>(values)), label);
        }
    }
}
