package io.cortexsync.connector.surrealdb.client;

import io.cortexsync.connector.surrealdb.client.cbor.CborTagged;
import io.cortexsync.connector.surrealdb.client.cbor.SurrealTags;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Round trips, hostile keys, statuses and errors against the real engine. */
@Timeout(120)
class SurrealClientITCase {

    @RegisterExtension
    static final SurrealTestEngine ENGINE = SurrealTestEngine.start("client", "client_it");

    @Test
    void versionAndHealth() {
        assertThat(ENGINE.client().version()).startsWith("surrealdb-");
        ENGINE.client().health();
    }

    @Test
    void upsertSelectDeleteRoundTrip() {
        SurrealRecordId id = SurrealRecordId.of("person", "tobie");
        Map<String, Object> stored = ENGINE.client().upsert(id, Map.of("name", "Tobie", "age", 30));
        assertThat(stored).containsEntry("id", id).containsEntry("name", "Tobie").containsEntry("age", 30L);
        assertThat(ENGINE.client().select(id)).contains(stored);

        Map<String, Object> replaced = ENGINE.client().upsert(id, Map.of("name", "T."));
        assertThat(replaced).doesNotContainKey("age");

        assertThat(ENGINE.client().delete(id)).isTrue();
        assertThat(ENGINE.client().delete(id)).isFalse();
        assertThat(ENGINE.client().select(id)).isEmpty();
    }

    @Test
    void everyTaggedValueIsAcceptedAndComesBackEqual() {
        UUID uuid = UUID.randomUUID();
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("none", SurrealNone.NONE);
        values.put("table", new SurrealTable("person"));
        values.put("uuid", uuid);
        values.put("decimal", new BigDecimal("12345678901234567890.123456789"));
        values.put("datetime", Instant.parse("2024-02-29T12:34:56.789012345Z"));
        values.put("duration", Duration.ofSeconds(90061, 5));
        values.put("range", new SurrealRange(SurrealRange.Bound.exclusive(1L), SurrealRange.Bound.inclusive(9L)));
        values.put("ids", List.of(SurrealRecordId.of("a", 1), SurrealRecordId.ofKey("b", List.of("x", 2L)),
                SurrealRecordId.ofKey("c", Map.of("k", "v")), SurrealRecordId.of("d", uuid)));
        values.put("floats", List.of(0.5, 0.1, 1e300, -0.0, 65504.0, 3.0e-8));
        values.put("integers", List.of(1L, -1L, Long.MAX_VALUE, Long.MIN_VALUE));
        values.put("nested", Map.of("t", true, "f", false, "s", "naïve café 🚀"));

        List<StatementResult> results = ENGINE.client().query("RETURN $values", Map.of("values", values));
        Map<?, ?> back = (Map<?, ?>) results.get(0).result();
        assertThat(back).isEqualTo(values);
        assertThat(ENGINE.client().query("RETURN $n", Map.of("n", SurrealNone.NONE)).get(0).result()).isEqualTo(SurrealNone.NONE);
        assertThat(ENGINE.client().query("RETURN $n", Map.of("n", new byte[] {1, 2})).get(0).result()).isEqualTo(new byte[] {1, 2});
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

        List<SurrealRecordId> ids = new ArrayList<>();
        for (String key : List.of("x; DELETE code", "a⟩b", "naïve café 🚀", "with spaces", "x`; DELETE other; --",
                "$id", "'); DELETE code:canary; ('", "code:canary", "42", "\\⟩\\")) {
            ids.add(SurrealRecordId.of("hostile", key));
        }
        ids.add(SurrealRecordId.of("hostile", 42));
        ids.add(SurrealRecordId.of("hostile", -7));
        ids.add(SurrealRecordId.of("hostile", Long.MAX_VALUE));
        ids.add(SurrealRecordId.of("hostile", UUID.randomUUID()));

        for (SurrealRecordId id : ids) {
            ENGINE.client().upsert(id, Map.of("key", String.valueOf(id.key())));
        }
        ENGINE.client().queryBatch(List.of(Statement.upsert(ids.get(0), Map.of("key", "x; DELETE code", "batched", true))),
                QueryOptions.DEFAULTS);

        for (SurrealRecordId id : ids) {
            Map<String, Object> record = ENGINE.client().select(id).orElseThrow(() -> new AssertionError("missing " + id));
            assertThat(record.get("id")).isEqualTo(id);
            assertThat(record.get("key")).isEqualTo(String.valueOf(id.key()));
        }
        List<Map<String, Object>> all = ENGINE.client().query(
                "SELECT * FROM type::table($tb)", Map.of("tb", "hostile")).get(0).records();
        Set<Object> stored = new HashSet<>();
        all.forEach(record -> stored.add(record.get("id")));
        assertThat(stored).isEqualTo(new HashSet<>(ids));

        Map<String, Long> after = TestSurreal.countsByTable(ENGINE.client());
        assertThat(after.remove("hostile")).isEqualTo(ids.size());
        before.remove("hostile");
        assertThat(after).isEqualTo(before);
        assertThat(ENGINE.client().select(SurrealRecordId.of("code", "canary")).orElseThrow()).containsEntry("secret", "keep me");
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
    void aFailingStatementRaisesItsIndexAndTheServersMessage() {
        assertThatThrownBy(() -> ENGINE.client().query(
                "CREATE status_t:1 SET v = 1; CREATE status_t:1 SET v = 2; RETURN 3", Map.of()))
                .isInstanceOfSatisfying(SurrealStatementException.class, e -> {
                    assertThat(e.statementIndex()).isEqualTo(1);
                    assertThat(e.serverMessage()).contains("status_t:1").contains("already exists");
                    assertThat(e.results()).extracting(StatementResult::ok).containsExactly(true, false, true);
                });
        List<StatementResult> raw = ENGINE.client().query("THROW 'raw'; RETURN 1", Map.of(), QueryOptions.DEFAULTS.withRawResults(true));
        assertThat(raw.get(0).ok()).isFalse();
        assertThat(raw.get(0).errorMessage()).contains("raw");
        assertThat(raw.get(1).result()).isEqualTo(1L);
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

    @Test
    void aParseErrorIsAnRpcExceptionWithCode32000() {
        assertThatThrownBy(() -> ENGINE.client().query("SELECT * FROM person WHERE (", Map.of()))
                .isInstanceOfSatisfying(SurrealRpcException.class, e -> {
                    assertThat(e.code()).isEqualTo(-32000);
                    assertThat(e.serverMessage()).startsWith("Parse error");
                });
    }
}
