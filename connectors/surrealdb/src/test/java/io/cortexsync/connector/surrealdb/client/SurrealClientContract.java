package io.cortexsync.connector.surrealdb.client;

import org.junit.jupiter.api.Test;

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

/**
 * What the client does alike on every engine version it supports; a subclass names the engine
 * and adds what is particular to that version.
 */
abstract class SurrealClientContract {

    /** The engine the tests run against, registered by the subclass. */
    abstract SurrealTestEngine engine();

    @Test
    void upsertSelectDeleteRoundTrip() {
        SurrealRecordId id = SurrealRecordId.of("person", "tobie");
        Map<String, Object> stored = engine().client().upsert(id, Map.of("name", "Tobie", "age", 30));
        assertThat(stored).containsEntry("id", id).containsEntry("name", "Tobie").containsEntry("age", 30L);
        assertThat(engine().client().select(id)).contains(stored);

        Map<String, Object> replaced = engine().client().upsert(id, Map.of("name", "T."));
        assertThat(replaced).doesNotContainKey("age");

        assertThat(engine().client().delete(id)).isTrue();
        assertThat(engine().client().delete(id)).isFalse();
        assertThat(engine().client().select(id)).isEmpty();
    }

    @Test
    void aFailingStatementRaisesItsIndexAndTheServersMessage() {
        assertThatThrownBy(() -> engine().client().query(
                "CREATE status_t:1 SET v = 1; CREATE status_t:1 SET v = 2; RETURN 3", Map.of()))
                .isInstanceOfSatisfying(SurrealStatementException.class, e -> {
                    assertThat(e.statementIndex()).isEqualTo(1);
                    assertThat(e.serverMessage()).contains("status_t:1").contains("already exists");
                    assertThat(e.results()).extracting(StatementResult::ok).containsExactly(true, false, true);
                });
        List<StatementResult> raw = engine().client().query("THROW 'raw'; RETURN 1", Map.of(), QueryOptions.DEFAULTS.withRawResults(true));
        assertThat(raw.get(0).ok()).isFalse();
        assertThat(raw.get(0).errorMessage()).contains("raw");
        assertThat(raw.get(1).result()).isEqualTo(1L);
    }

    @Test
    void aParseErrorIsAnRpcExceptionWithCode32000() {
        assertThatThrownBy(() -> engine().client().query("SELECT * FROM person WHERE (", Map.of()))
                .isInstanceOfSatisfying(SurrealRpcException.class, e -> {
                    assertThat(e.code()).isEqualTo(-32000);
                    assertParseErrorMessage(e.serverMessage());
                });
    }

    /** What the engine says of a parse error. */
    void assertParseErrorMessage(String message) {
        assertThat(message).contains("Parse error");
    }

    /** Every tagged value the client writes is sent as a query variable and returned equal. */
    void assertTaggedValuesComeBackEqual() {
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

        List<StatementResult> results = engine().client().query("RETURN $values", Map.of("values", values));
        Map<?, ?> back = (Map<?, ?>) results.get(0).result();
        assertThat(back).isEqualTo(values);
        assertThat(engine().client().query("RETURN $n", Map.of("n", new byte[] {1, 2})).get(0).result()).isEqualTo(new byte[] {1, 2});
    }

    /**
     * Stores a record of table {@code hostile} under each text key and each of the other ids (the
     * first once more through a batch), and checks that each reads back exactly, that the table
     * holds exactly those records, and that {@code code:canary}, written first, is untouched.
     *
     * @return the ids written
     */
    List<SurrealRecordId> assertHostileKeysStoredExactly(List<String> textKeys, SurrealRecordId... otherIds) {
        engine().client().query("UPSERT code:canary CONTENT { secret: 'keep me' }", Map.of());
        List<SurrealRecordId> ids = new ArrayList<>();
        for (String key : textKeys) {
            ids.add(SurrealRecordId.of("hostile", key));
        }
        ids.addAll(List.of(otherIds));

        for (SurrealRecordId id : ids) {
            engine().client().upsert(id, Map.of("key", String.valueOf(id.key())));
        }
        engine().client().queryBatch(List.of(Statement.upsert(ids.get(0), Map.of("key", "x; DELETE code", "batched", true))));

        for (SurrealRecordId id : ids) {
            Map<String, Object> record = engine().client().select(id).orElseThrow(() -> new AssertionError("missing " + id));
            assertThat(record.get("id")).isEqualTo(id);
            assertThat(record.get("key")).isEqualTo(String.valueOf(id.key()));
        }
        Set<Object> stored = new HashSet<>();
        engine().client().query("SELECT * FROM type::table($tb)", Map.of("tb", "hostile")).get(0).records()
                .forEach(record -> stored.add(record.get("id")));
        assertThat(stored).isEqualTo(new HashSet<>(ids));
        assertThat(engine().client().select(SurrealRecordId.of("code", "canary")).orElseThrow()).containsEntry("secret", "keep me");
        return ids;
    }
}
