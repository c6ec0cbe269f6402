package io.cortexsync.connector.surrealdb.sink.internal;

import io.cortexsync.connector.surrealdb.client.Statement;
import io.cortexsync.connector.surrealdb.client.SurrealRecordId;
import io.cortexsync.connector.surrealdb.sink.SurrealWrite;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WriteStatementsTest {

    private static final SurrealRecordId HOSTILE = SurrealRecordId.of("docs", "x; DELETE docs");

    /** The statement's text without its label, which names the record. */
    private static String sql(Statement statement) {
        return statement.toString().substring(statement.label().length() + 2);
    }

    @Test
    void plainWritesBindTheIdAndTheContent() {
        Statement upsert = new WriteStatements().statement(SurrealWrite.upsert(HOSTILE, Map.of("a", 1)));
        Statement delete = new WriteStatements().statement(SurrealWrite.delete(HOSTILE));

        assertThat(sql(upsert)).doesNotContain("DELETE docs").contains("UPSERT $v0 CONTENT $v1");
        assertThat(upsert.values()).containsExactly(HOSTILE, Map.of("a", 1));
        assertThat(sql(delete)).doesNotContain("DELETE docs").contains("DELETE $v0");
        assertThat(delete.values()).containsOnly(HOSTILE);
        assertThat(delete.label()).isEqualTo(HOSTILE.toString());
    }

    @Test
    void guardedUpsertBindsTheVersionAndStoresItUnderTheField() {
        Statement statement = new WriteStatements("rev")
                .statement(SurrealWrite.upsert(HOSTILE, Map.of("a", 1, "rev", 1L), 7L));

        assertThat(sql(statement)).contains("WHERE rev == NONE OR rev < $v2").doesNotContain("7");
        assertThat(statement.values()).contains(7L, Map.of("a", 1, "rev", 7L));
    }

    @Test
    void writesWithoutVersionAreNotGuarded() {
        WriteStatements guarded = new WriteStatements("version");
        assertThat(guarded.isGuarded(SurrealWrite.upsert(HOSTILE, Map.of()))).isFalse();
        assertThat(guarded.isGuarded(SurrealWrite.delete(HOSTILE, 3L))).isTrue();
        assertThat(new WriteStatements().isGuarded(SurrealWrite.delete(HOSTILE, 3L))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1version", "version; DELETE t", "a.b", "ver sion", "vérsion", "a-b"})
    void versionFieldsThatAreNotIdentifiersAreRefused(String field) {
        assertThatThrownBy(() -> new WriteStatements(field))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("identifier");
    }

    @ParameterizedTest
    @ValueSource(strings = {"version", "_v", "Rev2", "updated_at_ms"})
    void identifiersAreAccepted(String field) {
        assertThat(WriteStatements.checkVersionField(field)).isEqualTo(field);
    }
}
