package io.cortexsync.connector.surrealdb.client;

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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The client's main paths against a SurrealDB 2.x engine (2.6.0). */
@Timeout(180)
class SurrealClientOnV2ITCase {

    @RegisterExtension
    static final SurrealTestEngine ENGINE = SurrealTestEngine.startV2("v2-client", "client_v2");

    @Test
    void theServerIsSurrealDb2() {
        assertThat(ENGINE.client().version()).isEqualTo("surrealdb-2.6.0");
        ENGINE.client().health();
    }

    @Test
    void upsertSelectDeleteRoundTrip() {
        SurrealRecordId id = SurrealRecordId.of("person", "tobie");
        Map<String, Object> stored = ENGINE.client().upsert(id, Map.of("name", "Tobie", "age", 30));
        assertThat(stored).containsEntry("id", id).containsEntry("name", "Tobie").containsEntry("age", 30L);
        assertThat(ENGINE.client().select(id)).contains(stored);

        assertThat(ENGINE.client().upsert(id, Map.of("name", "T."))).doesNotContainKey("age");

        assertThat(ENGINE.client().delete(id)).isTrue();
        assertThat(ENGINE.client().delete(id)).isFalse();
        assertThat(ENGINE.client().select(id)).isEmpty();
        // 2.x reads a table that does not exist as empty, where 3.x answers an error
        assertThat(ENGINE.client().select(SurrealRecordId.of("no_such_table", 1))).isEmpty();
    }

    @Test
    void taggedValuesComeBackEqual() {
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

        Map<?, ?> back = (Map<?, ?>) ENGINE.client().query("RETURN $values", Map.of("values", values)).get(0).result();
        assertThat(back).isEqualTo(values);
        assertThat(ENGINE.client().query("RETURN $n", Map.of("n", new byte[] {1, 2})).get(0).result()).isEqualTo(new byte[] {1, 2});
    }

    @Test
    void aBoundRecordRangeReadsOnlyThatRange() {
        for (long i = 1; i <= 6; i++) {
            ENGINE.client().upsert(SurrealRecordId.of("ranged", i), Map.of("n", i));
        }
        SurrealRecordId range = SurrealRecordId.range("ranged", SurrealRange.halfOpen(2L, 5L));
        List<Map<String, Object>> rows = ENGINE.client().query("SELECT * FROM $r", Map.of("r", range)).get(0).records();
        assertThat(rows).extracting(row -> row.get("n")).containsExactly(2L, 3L, 4L);
    }

    @Test
    void hostileKeysAreStoredAndReadBackExactlyAndNothingElseIsTouched() {
        ENGINE.client().query("UPSERT code:canary CONTENT { secret: 'keep me' }", Map.of());
        List<SurrealRecordId> ids = new ArrayList<>();
        for (String key : List.of("x; DELETE code", "a⟩b", "naïve café 🚀", "x`; DELETE code; --", "$id",
                "'); DELETE code:canary; ('", "code:canary", "42", "\\⟩\\")) {
            ids.add(SurrealRecordId.of("hostile", key));
        }
        ids.add(SurrealRecordId.of("hostile", 42));
        ids.add(SurrealRecordId.of("hostile", UUID.randomUUID()));

        for (SurrealRecordId id : ids) {
            ENGINE.client().upsert(id, Map.of("key", String.valueOf(id.key())));
        }
        ENGINE.client().queryBatch(List.of(Statement.upsert(ids.get(0), Map.of("key", "x; DELETE code", "batched", true))));

        for (SurrealRecordId id : ids) {
            Map<String, Object> record = ENGINE.client().select(id).orElseThrow(() -> new AssertionError("missing " + id));
            assertThat(record.get("id")).isEqualTo(id);
            assertThat(record.get("key")).isEqualTo(String.valueOf(id.key()));
        }
        Set<Object> stored = new HashSet<>();
        ENGINE.client().query("SELECT * FROM type::table($tb)", Map.of("tb", "hostile")).get(0).records()
                .forEach(record -> stored.add(record.get("id")));
        assertThat(stored).isEqualTo(new HashSet<>(ids));
        assertThat(ENGINE.client().select(SurrealRecordId.of("code", "canary")).orElseThrow()).containsEntry("secret", "keep me");
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
    void aParseErrorIsAnRpcExceptionWithCode32000() {
        assertThatThrownBy(() -> ENGINE.client().query("SELECT * FROM person WHERE (", Map.of()))
                .isInstanceOfSatisfying(SurrealRpcException.class, e -> {
                    assertThat(e.code()).isEqualTo(-32000);
                    assertThat(e.serverMessage()).contains("Parse error");
                });
    }

    /** 2.x answers nothing for BEGIN and COMMIT, so a transaction's results are its statements' alone. */
    @Test
    void transactionResultsMapToTheStatementsWithoutBeginAndCommit() {
        List<Statement> statements = List.of(
                Statement.upsert(SurrealRecordId.of("txn_t", 1), Map.of("v", 1)),
                Statement.builder().sql("CREATE ").bind(SurrealRecordId.of("txn_t", 1)).sql(" SET v = 2").build(),
                Statement.upsert(SurrealRecordId.of("txn_t", 3), Map.of("v", 3)));
        assertThatThrownBy(() -> ENGINE.client().transaction(statements))
                .isInstanceOfSatisfying(SurrealStatementException.class, e -> {
                    assertThat(e.statementIndex()).isEqualTo(1);
                    assertThat(e.serverMessage()).contains("already exists");
                    assertThat(e.results()).hasSize(3);
                });
        assertThat(ENGINE.client().query("SELECT VALUE id FROM txn_t", Map.of()).get(0).resultList()).isEmpty();

        List<StatementResult> committed = ENGINE.client().transaction(List.of(
                statements.get(0),
                statements.get(2),
                Statement.builder().sql("SELECT VALUE v FROM ").bind(SurrealRecordId.of("txn_t", 3)).build()));
        assertThat(committed).extracting(StatementResult::index).containsExactly(0, 1, 2);
        assertThat(committed.get(0).resultList()).isEmpty(); // RETURN NONE
        assertThat(committed.get(2).resultList()).containsExactly(3L);
        assertThat(ENGINE.client().query("SELECT VALUE id FROM txn_t", Map.of()).get(0).resultList())
                .containsExactlyInAnyOrder(SurrealRecordId.of("txn_t", 1), SurrealRecordId.of("txn_t", 3));
    }

    /** 2.x ends a transaction at RETURN: the results no longer match the statements, and the client says why. */
    @Test
    void aReturnInsideATransactionFailsNamingTheServerVersion() {
        List<Statement> statements = List.of(
                Statement.upsert(SurrealRecordId.of("ret_t", 1), Map.of("v", 1)),
                Statement.builder().sql("RETURN ").bind("early").build(),
                Statement.upsert(SurrealRecordId.of("ret_t", 2), Map.of("v", 2)));
        assertThatThrownBy(() -> ENGINE.client().transaction(statements))
                .isExactlyInstanceOf(SurrealException.class)
                .hasMessageContaining("3 statements")
                .hasMessageContaining("returned 1 results on surrealdb-2.6.0")
                .hasMessageContaining("RETURN");
        // what 2.x did: committed the statement before RETURN, skipped the one after
        assertThat(ENGINE.client().query("SELECT VALUE id FROM ret_t", Map.of()).get(0).resultList())
                .containsExactly(SurrealRecordId.of("ret_t", 1));
    }

    @Test
    void queryBatchSplitsIntoTransactionsWhoseResultsFollowTheInput() {
        List<Statement> statements = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            statements.add(Statement.builder().sql("UPSERT ").bind(SurrealRecordId.of("batch_t", i))
                    .sql(" CONTENT ").bind(Map.of("i", i, "pad", "x".repeat(200))).sql(" RETURN VALUE i").build());
        }
        try (SurrealClient small = SurrealClient.create(ENGINE.config().maxRequestBytes(2_000).build())) {
            assertThat(small.requestSizer().split(statements)).hasSizeGreaterThan(3);
            List<StatementResult> results = small.queryBatch(statements);
            assertThat(results).extracting(StatementResult::index).containsExactlyElementsOf(indexes(40));
            for (StatementResult result : results) {
                assertThat(result.resultList()).containsExactly((long) result.index());
            }
        }
        assertThat(ENGINE.client().query("SELECT count() FROM batch_t GROUP ALL", Map.of()).get(0).records())
                .containsExactly(Map.of("count", 40L));
    }

    @Test
    void signinGivesABearerTokenThatQueriesWork() {
        try (SurrealClient signedIn = SurrealClient.create(SurrealConnectionConfig.builder()
                .url(ENGINE.baseUrl()).namespace("client_v2").database("main")
                .signin(ENGINE.user(), ENGINE.password()).build())) {
            String token = signedIn.signin();
            assertThat(token.split("\\.")).hasSize(3);
            assertThat(signedIn.upsert(SurrealRecordId.of("bearer_t", 1), Map.of("v", 1))).containsEntry("v", 1L);
            assertThat(ENGINE.client().select(SurrealRecordId.of("bearer_t", 1))).isPresent();
        }
        try (SurrealClient wrong = SurrealClient.create(SurrealConnectionConfig.builder()
                .url(ENGINE.baseUrl()).namespace("client_v2").database("main")
                .signin(ENGINE.user(), "wrong").retry(1, Duration.ofMillis(10), Duration.ofMillis(10)).build())) {
            assertThatThrownBy(wrong::signin).isInstanceOf(SurrealAuthenticationException.class);
        }
    }

    /** The 2.x engine has one session; callers on different namespaces must still not see each other's data. */
    @Test
    void concurrentCallersOnTwoNamespacesStayApart() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (SurrealClient left = SurrealClient.create(ENGINE.config("v2_left").build());
                SurrealClient right = SurrealClient.create(ENGINE.config("v2_right").build())) {
            List<Future<?>> work = new ArrayList<>();
            for (int worker = 0; worker < 4; worker++) {
                SurrealClient mine = worker % 2 == 0 ? left : right;
                String side = worker % 2 == 0 ? "left" : "right";
                int base = worker * 100;
                work.add(pool.submit(() -> {
                    for (int i = 0; i < 15; i++) {
                        mine.upsert(SurrealRecordId.of("side", base + i), Map.of("side", side));
                    }
                    return null;
                }));
            }
            for (Future<?> f : work) {
                f.get(120, TimeUnit.SECONDS);
            }
            assertThat(left.query("SELECT VALUE side FROM side", Map.of()).get(0).resultList())
                    .hasSize(30).containsOnly("left");
            assertThat(right.query("SELECT VALUE side FROM side", Map.of()).get(0).resultList())
                    .hasSize(30).containsOnly("right");
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<Integer> indexes(int count) {
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            all.add(i);
        }
        return all;
    }
}
