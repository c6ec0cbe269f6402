package io.cortexsync.connector.surrealdb.client;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Large batches split under the request limit, and many threads sharing one ENGINE.client(). */
@Timeout(300)
class SurrealBatchITCase {

    private static final int DIMENSIONS = 768;
    private static final int LIMIT = SurrealConnectionConfig.DEFAULT_MAX_REQUEST_BYTES;

    @RegisterExtension
    static final SurrealTestEngine ENGINE = SurrealTestEngine.start("batch", "batch_it");

    @Test
    void threeThousandVectorRecordsGoInSeveralRequestsNoneOverFourMiB() {
        Random random = new Random(3000);
        Map<SurrealRecordId, float[]> vectors = new HashMap<>();
        List<Statement> upserts = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            SurrealRecordId id = SurrealRecordId.of("vec", "r" + i);
            float[] vector = new float[DIMENSIONS];
            for (int d = 0; d < DIMENSIONS; d++) {
                vector[d] = random.nextFloat() * 2 - 1;
            }
            vectors.put(id, vector);
            upserts.add(Statement.upsert(id, Map.of("n", i, "embedding", vector)));
        }

        List<StatementBatch> batches = ENGINE.client().requestSizer().split(upserts);
        assertThat(batches.size()).isGreaterThan(1);
        assertThat(batches).allSatisfy(batch -> assertThat(batch.requestBytes()).isLessThanOrEqualTo(LIMIT));

        long requestsBefore = ENGINE.client().metrics().requests();
        List<StatementResult> results = ENGINE.client().queryBatch(upserts, QueryOptions.DEFAULTS.withIdempotent(true));
        // no 413 (that would have thrown), one request per batch, none over the limit
        assertThat(results).hasSize(3000).allSatisfy(r -> assertThat(r.ok()).isTrue());
        assertThat(ENGINE.client().metrics().requests() - requestsBefore).isEqualTo(batches.size());
        assertThat(ENGINE.client().metrics().largestRequestBytes()).isLessThanOrEqualTo(LIMIT);

        List<Map<String, Object>> stored = ENGINE.client().query("SELECT * FROM type::table($tb)", Map.of("tb", "vec"),
                QueryOptions.DEFAULTS.withIdempotent(true).withFloatArrayFields("embedding")).get(0).records();
        assertThat(stored).hasSize(3000);
        for (Map<String, Object> record : stored) {
            float[] expected = vectors.get((SurrealRecordId) record.get("id"));
            assertThat(expected).as("an id that was written: %s", record.get("id")).isNotNull();
            assertThat((float[]) record.get("embedding")).containsExactly(expected);
        }
    }

    @Test
    void eightThreadsShareOneClient() throws Exception {
        int threads = 8;
        int perThread = 40;
        // the table exists before the threads start: eight first writes that each create it implicitly
        // conflict in the engine ("Transaction conflict ... can be retried"), which is not what this tests
        ENGINE.client().upsert(SurrealRecordId.ofKey("shared", List.of(-1, -1)), Map.of("thread", -1, "i", -1));
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    int checked = 0;
                    for (int i = 0; i < perThread; i++) {
                        SurrealRecordId id = SurrealRecordId.ofKey("shared", List.of(thread, i));
                        ENGINE.client().upsert(id, Map.of("thread", thread, "i", i));
                        Map<String, Object> back = ENGINE.client().select(id).orElseThrow();
                        assertThat(back).containsEntry("thread", (long) thread).containsEntry("i", (long) i);
                        List<StatementResult> txn = ENGINE.client().transaction(List.of(
                                Statement.builder().sql("UPSERT ").bind(id).sql(" MERGE { seen: true } RETURN NONE").build(),
                                Statement.builder().sql("RETURN ").bind(thread * 1000 + i).build()),
                                QueryOptions.DEFAULTS);
                        assertThat(txn.get(1).result()).isEqualTo((long) (thread * 1000 + i));
                        checked++;
                    }
                    return checked;
                }));
            }
            for (Future<Integer> future : done) {
                assertThat(future.get(120, TimeUnit.SECONDS)).isEqualTo(perThread);
            }
            List<Map<String, Object>> rows = ENGINE.client().query(
                    "SELECT count() FROM type::table($tb) WHERE seen = true GROUP ALL", Map.of("tb", "shared")).get(0).records();
            assertThat(rows.get(0).get("count")).isEqualTo((long) threads * perThread);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void upsertsRacingOnTheSameRecordsRunAgainAfterTransactionConflicts() throws Exception {
        // control: with one attempt, the race shows the engine's conflicts to the caller (rounds
        // of 8 threads x 300 upserts over 3 records until one does, at most 5)
        SurrealConnectionConfig once = ENGINE.config().retry(1, Duration.ofMillis(1), Duration.ofMillis(1)).build();
        try (SurrealClient client = SurrealClient.create(once)) {
            List<Throwable> failures = new ArrayList<>();
            for (int round = 0; round < 5 && failures.isEmpty(); round++) {
                failures.addAll(race(client, "hot_once"));
            }
            assertThat(failures).as("failures with one attempt, after up to 5 rounds")
                    .isNotEmpty()
                    .allSatisfy(f -> assertThat(f).isInstanceOf(SurrealStatementException.class)
                            .satisfies(e -> assertThat(SurrealFailures.isTransactionConflict((SurrealException) e))
                                    .as(e.getMessage()).isTrue()));
        }
        // five attempts, as by default (shorter pauses): every upsert lands, and conflicts met
        // (rounds until one is, at most 5) were retried
        SurrealConnectionConfig retrying = ENGINE.config().retry(5, Duration.ofMillis(5), Duration.ofMillis(200)).build();
        try (SurrealClient client = SurrealClient.create(retrying)) {
            for (int round = 0; round < 5 && client.metrics().retries() == 0; round++) {
                assertThat(race(client, "hot_retried")).as("failures with retries, round %d", round).isEmpty();
            }
            assertThat(client.metrics().retries()).as("conflicts retried, after up to 5 rounds").isPositive();
        }
    }

    /** 8 threads upsert 300 times each over 3 records of {@code table}; the calls' failures. */
    private static List<Throwable> race(SurrealClient client, String table) throws Exception {
        client.upsert(SurrealRecordId.of(table, -1L), Map.of("n", -1)); // the table, created once
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 300; i++) {
                        try {
                            client.upsert(SurrealRecordId.of(table, (long) (i % 3)), Map.of("thread", thread, "i", i));
                        } catch (SurrealException e) {
                            failures.add(e);
                        }
                    }
                }));
            }
            for (Future<?> future : done) {
                future.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        return failures;
    }
}
