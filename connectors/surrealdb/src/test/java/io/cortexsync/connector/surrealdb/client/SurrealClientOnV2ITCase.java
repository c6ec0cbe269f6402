package io.cortexsync.connector.surrealdb.client;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The client's main paths against a SurrealDB 2.x engine (2.6.0). */
@Timeout(180)
class SurrealClientOnV2ITCase extends SurrealClientContract {

    @RegisterExtension
    static final SurrealTestEngine ENGINE = SurrealTestEngine.startV2("v2-client", "client_v2");

    @Override
    SurrealTestEngine engine() {
        return ENGINE;
    }

    @Test
    void theServerIsSurrealDb2() {
        assertThat(ENGINE.client().version()).isEqualTo("surrealdb-2.6.0");
        ENGINE.client().health();
    }

    @Test
    @Override
    void upsertSelectDeleteRoundTrip() {
        super.upsertSelectDeleteRoundTrip();
        // 2.x reads a table that does not exist as empty, where 3.x answers an error
        assertThat(ENGINE.client().select(SurrealRecordId.of("no_such_table", 1))).isEmpty();
    }

    @Test
    void taggedValuesComeBackEqual() {
        assertTaggedValuesComeBackEqual();
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
        assertHostileKeysStoredExactly(
                List.of("x; DELETE code", "a⟩b", "naïve café 🚀", "x`; DELETE code; --", "$id",
                        "'); DELETE code:canary; ('", "code:canary", "42", "\\⟩\\"),
                SurrealRecordId.of("hostile", 42), SurrealRecordId.of("hostile", UUID.randomUUID()));
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
