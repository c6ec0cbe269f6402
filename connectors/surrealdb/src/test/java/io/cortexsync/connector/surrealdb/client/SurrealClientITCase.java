package io.cortexsync.connector.surrealdb.client;

import io.cortexsync.connector.surrealdb.client.cbor.CborTagged;
import io.cortexsync.connector.surrealdb.client.cbor.SurrealTags;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Round trips, hostile keys, statuses and errors against the real engine. */
@Timeout(120)
class SurrealClientITCase extends SurrealClientContract {

    @RegisterExtension
    static final SurrealTestEngine ENGINE = SurrealTestEngine.start("client", "client_it");

    @Override
    SurrealTestEngine engine() {
        return ENGINE;
    }

    @Test
    void versionAndHealth() {
        assertThat(ENGINE.client().version()).startsWith("surrealdb-");
        ENGINE.client().health();
    }

    @Test
    void everyTaggedValueIsAcceptedAndComesBackEqual() {
        assertTaggedValuesComeBackEqual();
        assertThat(ENGINE.client().query("RETURN $n", Map.of("n", SurrealNone.NONE)).get(0).result()).isEqualTo(SurrealNone.NONE);
    }

    @Test
    void textFormsOfUuidDecimalAndDatetimeAreAccepted() {
        UUID uuid = UUID.randomUUID();
        Map<String, Object> vars = Map.of(
                "u", new CborTagged(SurrealTags.UUID_TEXT, uuid.toString()),
                "d", new CborTagged(SurrealTags.DECIMAL_TEXT, "-0.5"),
                "t", new CborTagged(SurrealTags.DATETIME_TEXT, "2024-01-02T03:04:05Z"));
        List<Object> back = ENGINE.client().query("RETURN [$u, $d, $t]", vars).get(0).resultList();
        assertThat(back).containsExactly(uuid, new BigDecimal("-0.5"), Instant.parse("2024-01-02T03:04:05Z"));
    }

    @Test
    void hostileKeysAreStoredAndReadBackExactlyAndNothingElseIsTouched() {
        ENGINE.client().query("UPSERT code:canary CONTENT { secret: 'keep me' }", Map.of());
        ENGINE.client().query("UPSERT other:one CONTENT { v: 1 }", Map.of());
        Map<String, Long> before = TestSurreal.countsByTable(ENGINE.client());

        List<SurrealRecordId> ids = assertHostileKeysStoredExactly(
                List.of("x; DELETE code", "a⟩b", "naïve café 🚀", "with spaces", "x`; DELETE other; --",
                        "$id", "'); DELETE code:canary; ('", "code:canary", "42", "\\⟩\\"),
                SurrealRecordId.of("hostile", 42), SurrealRecordId.of("hostile", -7),
                SurrealRecordId.of("hostile", Long.MAX_VALUE), SurrealRecordId.of("hostile", UUID.randomUUID()));

        Map<String, Long> after = TestSurreal.countsByTable(ENGINE.client());
        assertThat(after.remove("hostile")).isEqualTo(ids.size());
        before.remove("hostile");
        assertThat(after).isEqualTo(before);
    }

    @Test
    void recordIdsConvertToTheSchemasCanonicalIds() {
        SurrealRecordId id = SurrealRecordId.of("doc", "a⟩b");
        Map<String, Object> stored = ENGINE.client().upsert(id, Map.of("v", 1));
        SurrealRecordId back = (SurrealRecordId) stored.get("id");
        assertThat(back.toRecordId().canonical()).isEqualTo("doc:⟨a\\⟩b⟩");
        assertThat(SurrealRecordId.fromRecordId(back.toRecordId())).isEqualTo(id);
    }

    @Test
    void aFailingStatementInATransactionRollsBackAndIsNamed() {
        List<Statement> statements = List.of(
                Statement.upsert(SurrealRecordId.of("txn_t", 1), Map.of("v", 1)),
                Statement.builder().sql("CREATE ").bind(SurrealRecordId.of("txn_t", 1)).sql(" SET v = 2").build(),
                Statement.upsert(SurrealRecordId.of("txn_t", 3), Map.of("v", 3)));
        assertThatThrownBy(() -> ENGINE.client().transaction(statements, QueryOptions.DEFAULTS))
                .isInstanceOfSatisfying(SurrealStatementException.class, e -> {
                    assertThat(e.statementIndex()).isEqualTo(1);
                    assertThat(e.serverMessage()).contains("already exists");
                });
        ENGINE.client().query("DEFINE TABLE IF NOT EXISTS txn_t", Map.of());
        assertThat(TestSurreal.countsByTable(ENGINE.client())).containsEntry("txn_t", 0L);

        List<StatementResult> committed = ENGINE.client().transaction(
                List.of(statements.get(0), statements.get(2), Statement.builder().sql("RETURN ").bind("done").build()),
                QueryOptions.DEFAULTS);
        assertThat(committed).extracting(StatementResult::index).containsExactly(0, 1, 2);
        assertThat(committed.get(2).result()).isEqualTo("done");
        assertThat(TestSurreal.countsByTable(ENGINE.client())).containsEntry("txn_t", 2L);
    }

    /** 3.x starts its message with the kind of error. */
    @Override
    void assertParseErrorMessage(String message) {
        assertThat(message).startsWith("Parse error");
    }
}
