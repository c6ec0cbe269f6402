package io.cortexsync.connector.surrealdb.sink;

import io.cortexsync.connector.surrealdb.client.SurrealAuthenticationException;
import io.cortexsync.connector.surrealdb.client.SurrealClient;
import io.cortexsync.connector.surrealdb.client.SurrealConnectionConfig;
import io.cortexsync.connector.surrealdb.client.SurrealRecordId;
import io.cortexsync.connector.surrealdb.client.SurrealRpcException;
import io.cortexsync.connector.surrealdb.client.SurrealTestEngine;
import io.cortexsync.schema.model.SyncEvent;

import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Metric;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.ExceptionUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Jobs whose batches hold records the server rejects (type and ASSERT violations of a SCHEMAFULL
 * table, unique index clashes): the rest is written, the rejected ones are dead letters with the
 * server's message, the job finishes. Failures of the whole request still fail the job.
 */
@Timeout(300)
class SurrealSinkDeadLetterITCase {

    private static final int RECORDS = 200;
    private static final InMemoryReporter REPORTER = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder()
                    .setNumberTaskManagers(1)
                    .setNumberSlotsPerTaskManager(1)
                    .setConfiguration(REPORTER.addToConfiguration(new Configuration()))
                    .build());

    @RegisterExtension
    static final SurrealTestEngine ENGINE = SurrealTestEngine.start("sink-dead-letters", "dl");

    private String namespace;
    private SurrealClient client;

    @BeforeEach
    void connect(TestInfo test) {
        namespace = "dl_" + test.getTestMethod().orElseThrow().getName().toLowerCase();
        client = SurrealClient.create(ENGINE.config(namespace).build());
    }

    @AfterEach
    void disconnect() {
        client.close();
    }

    /** Writes {@code table:k<n>} with {@code {field: value}}, the value {@code n} unless overridden. */
    private static final class NumberedWrites implements SurrealRecordSerializer<Long> {

        private static final long serialVersionUID = 1L;

        private final String table;
        private final String field;
        private final HashMap<Long, Object> overrides;

        NumberedWrites(String table, String field, Map<Long, Object> overrides) {
            this.table = table;
            this.field = field;
            this.overrides = new HashMap<>(overrides);
        }

        @Override
        public SurrealWrite serialize(Long n) {
            return SurrealWrite.upsert(SurrealRecordId.of(table, "k" + n), Map.of(field, overrides.getOrDefault(n, n)));
        }
    }

    private JobExecutionResult run(SurrealConnectionConfig connection, NumberedWrites writes,
            SurrealSinkOutcomeListener listener) throws Exception {
        SurrealSink<Long> sink = SurrealSink.<Long>builder()
                .setConnectionConfig(connection)
                .setRecordSerializer(writes)
                .setBatchSize(RECORDS)
                .setMaxBufferedTime(Duration.ZERO)
                .setOutcomeListener(listener)
                .build();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        env.fromSequence(0, RECORDS - 1).sinkTo(sink).name("surreal-sink");
        return env.execute();
    }

    private Map<Object, Object> stored(String table, String field) {
        return SinkTestSupport.records(client, table).entrySet().stream()
                .collect(Collectors.toMap(e -> e.getKey().key(), e -> e.getValue().get(field)));
    }

    private static Map<Object, Object> expectedWithout(Set<Long> rejected) {
        return LongStream.range(0, RECORDS).filter(n -> !rejected.contains(n)).boxed()
                .collect(Collectors.toMap(n -> "k" + n, n -> n));
    }

    @Test
    void recordsASchemafullTableRejectsAreDeadLettersAndTheRestIsWritten() throws Exception {
        client.query("DEFINE TABLE docs SCHEMAFULL; DEFINE FIELD n ON docs TYPE int ASSERT $value >= 0;", Map.of());
        NumberedWrites writes = new NumberedWrites("docs", "n", Map.of(17L, "seventeen", 101L, -101L, 188L, 1.5));

        for (int run = 1; run <= 2; run++) {
            SinkTestSupport.CollectingListener listener = new SinkTestSupport.CollectingListener("schemafull-" + run);
            JobExecutionResult result = run(ENGINE.config(namespace).build(), writes, listener);

            assertThat(stored("docs", "n")).as("run %d", run).isEqualTo(expectedWithout(Set.of(17L, 101L, 188L)));
            Map<String, String> dead = listener.outcomes(SyncEvent.Type.DEAD_LETTER).stream()
                    .collect(Collectors.toMap(SurrealSinkOutcome::recordId, SurrealSinkOutcome::detail));
            assertThat(dead).containsOnlyKeys("docs:k17", "docs:k101", "docs:k188");
            assertThat(dead.get("docs:k17")).contains("Couldn't coerce value for field `n`").contains("'seventeen'");
            assertThat(dead.get("docs:k101")).contains("Found -101 for field `n`").contains("$value >= 0");
            assertThat(dead.get("docs:k188")).contains("Couldn't coerce value for field `n`").contains("1.5");
            assertThat(listener.outcomes(SyncEvent.Type.SYNCED)).hasSize(RECORDS - 3);
            assertThat(listener.outcomes()).hasSize(RECORDS);
            assertThat(counter(result, "deadLetters")).isEqualTo(3);
            assertThat(counter(result, "numRecordsSend")).isEqualTo(RECORDS - 3);
        }
    }

    @Test
    void uniqueIndexClashesAreDeadLettersAndTheRestIsWritten() throws Exception {
        client.query("DEFINE TABLE users SCHEMALESS; DEFINE INDEX unique_email ON users FIELDS email UNIQUE;"
                + "UPSERT users:taken CONTENT {email: 'taken'};", Map.of());
        // k40 and k120 clash with the stored record, k150 with k60 written earlier in the same batch
        NumberedWrites writes = new NumberedWrites("users", "email", Map.of(40L, "taken", 120L, "taken", 150L, 60L));
        SinkTestSupport.CollectingListener listener = new SinkTestSupport.CollectingListener("unique");

        JobExecutionResult result = run(ENGINE.config(namespace).build(), writes, listener);

        Map<Object, Object> expected = expectedWithout(Set.of(40L, 120L, 150L));
        expected.put("taken", "taken");
        assertThat(stored("users", "email")).isEqualTo(expected);
        Map<String, String> dead = listener.outcomes(SyncEvent.Type.DEAD_LETTER).stream()
                .collect(Collectors.toMap(SurrealSinkOutcome::recordId, SurrealSinkOutcome::detail));
        assertThat(dead).containsOnlyKeys("users:k40", "users:k120", "users:k150");
        assertThat(dead.get("users:k40")).contains("index `unique_email` already contains 'taken'");
        assertThat(dead.get("users:k120")).contains("index `unique_email` already contains 'taken'");
        assertThat(dead.get("users:k150")).contains("index `unique_email` already contains 60").contains("users:k60");
        assertThat(listener.outcomes(SyncEvent.Type.SYNCED)).hasSize(RECORDS - 3);
        assertThat(counter(result, "deadLetters")).isEqualTo(3);
    }

    @Test
    void refusedCredentialsStillFailTheJob() {
        client.query("DEFINE TABLE docs SCHEMAFULL; DEFINE FIELD n ON docs TYPE int;", Map.of());
        NumberedWrites writes = new NumberedWrites("docs", "n", Map.of(5L, "five"));
        SurrealConnectionConfig wrongPassword = SurrealConnectionConfig.builder()
                .url(ENGINE.baseUrl()).namespace(namespace).database("main")
                .basicAuth(ENGINE.user(), ENGINE.password() + "-wrong").build();
        SinkTestSupport.CollectingListener listener = new SinkTestSupport.CollectingListener("wrong-password");

        assertThatThrownBy(() -> run(wrongPassword, writes, listener))
                .satisfies(e -> assertThat(ExceptionUtils.findThrowable(e, SurrealAuthenticationException.class))
                        .as("the job's failure").isPresent());

        assertThat(listener.outcomes()).isEmpty();
        assertThat(stored("docs", "n")).isEmpty();
    }

    @Test
    void anonymousAccessStillFailsTheJob() {
        client.query("DEFINE TABLE docs SCHEMAFULL; DEFINE FIELD n ON docs TYPE int;", Map.of());
        NumberedWrites writes = new NumberedWrites("docs", "n", Map.of(5L, "five"));
        SurrealConnectionConfig anonymous = SurrealConnectionConfig.builder()
                .url(ENGINE.baseUrl()).namespace(namespace).database("main").build();
        SinkTestSupport.CollectingListener listener = new SinkTestSupport.CollectingListener("anonymous");

        assertThatThrownBy(() -> run(anonymous, writes, listener))
                .satisfies(e -> assertThat(ExceptionUtils.findThrowable(e, SurrealRpcException.class))
                        .as("the job's failure").hasValueSatisfying(rpc ->
                                assertThat(rpc.serverMessage()).contains("Not enough permissions")));

        assertThat(listener.outcomes()).isEmpty();
        assertThat(stored("docs", "n")).isEmpty();
    }

    /** The counter summed over the job's writer subtasks. */
    private static long counter(JobExecutionResult result, String name) {
        // the search matches by part of the name: keep only the metrics named exactly so
        List<Metric> metrics = REPORTER.findMetrics(result.getJobID(), name).entrySet().stream()
                .filter(entry -> entry.getKey().endsWith("." + name))
                .map(Map.Entry::getValue)
                .collect(Collectors.toList());
        assertThat(metrics).as("metric %s", name).isNotEmpty();
        return metrics.stream().mapToLong(metric -> ((Counter) metric).getCount()).sum();
    }
}
