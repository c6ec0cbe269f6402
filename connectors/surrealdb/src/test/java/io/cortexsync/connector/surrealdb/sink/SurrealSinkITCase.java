package io.cortexsync.connector.surrealdb.sink;

import io.cortexsync.connector.surrealdb.client.SurrealClient;
import io.cortexsync.connector.surrealdb.client.SurrealConnectionConfig;
import io.cortexsync.connector.surrealdb.client.SurrealRecordId;
import io.cortexsync.connector.surrealdb.client.SurrealTestEngine;
import io.cortexsync.schema.ids.RecordId;
import io.cortexsync.schema.model.EntityChange;
import io.cortexsync.schema.model.SyncEntity;
import io.cortexsync.schema.model.SyncEvent;
import io.cortexsync.schema.serialization.SchemaTypes;
import io.cortexsync.testkit.flink.MiniClusters;

import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Metric;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static io.cortexsync.connector.surrealdb.sink.SinkTestSupport.TIME;
import static io.cortexsync.connector.surrealdb.sink.SinkTestSupport.entity;
import static io.cortexsync.connector.surrealdb.sink.SinkTestSupport.records;
import static io.cortexsync.connector.surrealdb.sink.SinkTestSupport.values;
import static io.cortexsync.connector.surrealdb.sink.SinkTestSupport.vector;
import static org.assertj.core.api.Assertions.assertThat;

/** The sink in Flink jobs on a MiniCluster, writing to the real engine. */
@Timeout(300)
class SurrealSinkITCase {

    private static final int DIM = 8;
    private static final long LIMIT = 4L << 20;
    private static final InMemoryReporter REPORTER = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = MiniClusters.withSlots(2, REPORTER);

    @RegisterExtension
    static final SurrealTestEngine ENGINE = SurrealTestEngine.start("sink-jobs", "jobs");

    private SurrealConnectionConfig connection;
    private SurrealClient client;

    @BeforeEach
    void connect(TestInfo test) {
        connection = ENGINE.config("jobs_" + test.getTestMethod().orElseThrow().getName().toLowerCase())
                .build();
        client = SurrealClient.create(connection);
    }

    @AfterEach
    void disconnect() {
        client.close();
    }

    private <T> JobExecutionResult run(List<T> input, TypeInformation<T> type, SurrealSink<T> sink, int parallelism)
            throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(parallelism);
        env.fromData(input, type).setParallelism(1).sinkTo(sink).name("surreal-sink");
        return env.execute();
    }

    private SurrealSinkBuilder<SyncEntity> entitySink() {
        return SurrealSink.<SyncEntity>builder()
                .setConnectionConfig(connection)
                .setRecordSerializer(new SyncEntityRecordSerializer())
                .setBatchSize(64);
    }

    private static List<SyncEntity> entities(String table, int count, int dimension) {
        List<SyncEntity> entities = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            entities.add(entity(table, "k" + i, i, null, dimension));
        }
        return entities;
    }

    @Test
    void writingTheSameInputTwiceLeavesTheSameRecords() throws Exception {
        List<SyncEntity> input = entities("docs", 600, DIM);

        run(input, SchemaTypes.SYNC_ENTITY, entitySink().build(), 2);
        Map<SurrealRecordId, Map<String, Object>> first = records(client, "docs");
        run(input, SchemaTypes.SYNC_ENTITY, entitySink().build(), 2);
        Map<SurrealRecordId, Map<String, Object>> second = records(client, "docs");

        assertThat(first).hasSize(600);
        assertThat(second.keySet()).isEqualTo(first.keySet());
        for (SurrealRecordId id : first.keySet()) {
            assertThat(second.get(id)).usingRecursiveComparison().isEqualTo(first.get(id));
        }
        Map<String, Object> k7 = first.get(SurrealRecordId.of("docs", "k7"));
        assertThat(k7).containsEntry("value", 7L).containsEntry("label", "v7").containsOnlyKeys("id", "value", "label", "vector");
        assertThat((float[]) k7.get("vector")).containsExactly(vector(7, DIM));
    }

    @Test
    void anUpsertThenADeleteOfOneRecordInOneBatchLeavesItDeleted() throws Exception {
        RecordId a = RecordId.of("docs", "a");
        RecordId b = RecordId.of("docs", "b");
        List<EntityChange> changes = List.of(
                EntityChange.upsert("r1", entity("docs", "a", 1, null, DIM), TIME),
                EntityChange.upsert("r2", entity("docs", "b", 1, null, DIM), TIME),
                EntityChange.delete("r3", a, TIME),
                EntityChange.delete("r4", b, TIME),
                EntityChange.upsert("r5", entity("docs", "b", 2, null, DIM), TIME));
        SurrealSink<EntityChange> sink = SurrealSink.<EntityChange>builder()
                .setConnectionConfig(connection)
                .setRecordSerializer(new EntityChangeRecordSerializer())
                .setBatchSize(100)
                .setMaxBufferedTime(Duration.ZERO)
                .build();

        run(changes, SchemaTypes.ENTITY_CHANGE, sink, 1);

        assertThat(values(client, "docs")).containsOnly(Map.entry(SurrealRecordId.fromRecordId(b), 2L));
    }

    @Test
    void hostileIdsAreWrittenAndNothingElseIsTouched() throws Exception {
        client.query("UPSERT docs:bystander CONTENT {value: -1}; UPSERT code:keep CONTENT {value: -2}", Map.of());
        List<String> keys = List.of("x; DELETE code", "a⟩b", "⟩; DELETE docs; --", "ключ 🙂 鍵", "with spaces", "`", "\\");
        List<SyncEntity> input = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            input.add(entity("docs", keys.get(i), 100 + i, null, DIM));
        }
        input.add(entity("docs", 12345L, 99, null, DIM));

        run(input, SchemaTypes.SYNC_ENTITY, entitySink().build(), 2);

        Map<SurrealRecordId, Long> expected = new HashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            expected.put(SurrealRecordId.of("docs", keys.get(i)), 100L + i);
        }
        expected.put(SurrealRecordId.of("docs", 12345L), 99L);
        expected.put(SurrealRecordId.of("docs", "bystander"), -1L);
        assertThat(values(client, "docs")).isEqualTo(expected);
        assertThat(values(client, "code")).containsOnly(Map.entry(SurrealRecordId.of("code", "keep"), -2L));
    }

    @Test
    void largeVectorBatchesAreSplitBelowTheRequestLimit() throws Exception {
        List<SyncEntity> input = entities("big", 3_000, 768);
        SurrealSink<SyncEntity> sink = entitySink().setBatchSize(5_000).setMaxBatchBytes(LIMIT)
                .setMaxBufferedTime(Duration.ZERO).build();

        JobExecutionResult result = run(input, SchemaTypes.SYNC_ENTITY, sink, 1);

        Map<SurrealRecordId, Map<String, Object>> stored = records(client, "big");
        assertThat(stored).hasSize(3_000);
        for (SyncEntity entity : input) {
            assertThat((float[]) stored.get(SurrealRecordId.fromRecordId(entity.id())).get("vector"))
                    .as("%s", entity.id()).containsExactly(entity.vector());
        }
        long largest = max(result, "largestRequestBytes");
        assertThat(largest).isLessThanOrEqualTo(LIMIT).isGreaterThan(LIMIT / 2);
        assertThat(sum(result, "numBytesSend")).isGreaterThan(3_000L * 768 * 2);
    }

    /** The metric summed over the job's writer subtasks. */
    private static long sum(JobExecutionResult result, String name) {
        return metricValues(result, name).stream().mapToLong(Long::longValue).sum();
    }

    private static long max(JobExecutionResult result, String name) {
        return metricValues(result, name).stream().mapToLong(Long::longValue).max().orElseThrow();
    }

    private static List<Long> metricValues(JobExecutionResult result, String name) {
        // the search matches by part of the name: keep only the metrics named exactly so
        List<Metric> metrics = REPORTER.findMetrics(result.getJobID(), name).entrySet().stream()
                .filter(entry -> entry.getKey().endsWith("." + name))
                .map(Map.Entry::getValue)
                .collect(Collectors.toList());
        assertThat(metrics).as("metric %s", name).isNotEmpty();
        return metrics.stream()
                .map(metric -> metric instanceof Gauge
                        ? ((Number) ((Gauge<?>) metric).getValue()).longValue()
                        : ((Counter) metric).getCount())
                .collect(Collectors.toList());
    }

    @Test
    void theVersionGuardKeepsNewerStoredVersions() throws Exception {
        for (int i = 0; i < 10; i++) {
            client.query("UPSERT $id CONTENT {value: $v, version: 5}",
                    Map.of("id", SurrealRecordId.of("docs", "k" + i), "v", 500L + i));
        }
        List<SyncEntity> input = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            // even keys come with an older version, odd keys with a newer one
            input.add(entity("docs", "k" + i, i, i % 2 == 0 ? 3L : 9L, DIM));
        }
        SinkTestSupport.CollectingListener listener = new SinkTestSupport.CollectingListener("version-guard");
        SurrealSink<SyncEntity> sink = entitySink().setVersionGuard(true).setOutcomeListener(listener).build();

        JobExecutionResult result = run(input, SchemaTypes.SYNC_ENTITY, sink, 2);

        Map<SurrealRecordId, Map<String, Object>> stored = records(client, "docs");
        for (int i = 0; i < 10; i++) {
            Map<String, Object> record = stored.get(SurrealRecordId.of("docs", "k" + i));
            if (i % 2 == 0) {
                assertThat(record).as("k%d", i).containsOnlyKeys("id", "value", "version")
                        .containsEntry("value", 500L + i).containsEntry("version", 5L);
            } else {
                assertThat(record).as("k%d", i).containsEntry("value", (long) i).containsEntry("version", 9L);
            }
        }
        assertThat(listener.outcomes(SyncEvent.Type.CONFLICT).stream().map(SurrealSinkOutcome::recordId)
                .collect(Collectors.toSet())).containsExactlyInAnyOrder("docs:k0", "docs:k2", "docs:k4", "docs:k6", "docs:k8");
        assertThat(listener.outcomes(SyncEvent.Type.CONFLICT)).allSatisfy(o ->
                assertThat(o.detail()).contains("stored version 5 is not older than 3"));
        assertThat(listener.outcomes(SyncEvent.Type.SYNCED)).hasSize(5);
        assertThat(sum(result, "versionConflicts")).isEqualTo(5);
    }

    @Test
    void anOversizedRecordIsADeadLetterAndTheRestOfItsBatchIsWritten() throws Exception {
        List<SyncEntity> input = new ArrayList<>(entities("docs", 20, DIM));
        input.add(10, entity("docs", "huge", 1, null, 1_200_000));
        SinkTestSupport.CollectingListener listener = new SinkTestSupport.CollectingListener("oversized");
        SurrealSink<SyncEntity> sink = entitySink().setBatchSize(100).setMaxBufferedTime(Duration.ZERO)
                .setOutcomeListener(listener).build();

        JobExecutionResult result = run(input, SchemaTypes.SYNC_ENTITY, sink, 1);

        assertThat(values(client, "docs")).hasSize(20).doesNotContainKey(SurrealRecordId.of("docs", "huge"));
        assertThat(listener.outcomes(SyncEvent.Type.DEAD_LETTER)).singleElement().satisfies(o -> {
            assertThat(o.recordId()).isEqualTo("docs:huge");
            assertThat(o.detail()).contains("over the request limit of 4194304 bytes");
        });
        assertThat(listener.outcomes(SyncEvent.Type.SYNCED)).hasSize(20);
        assertThat(sum(result, "deadLetters")).isEqualTo(1);
        assertThat(sum(result, "numRecordsSend")).isEqualTo(20);
    }
}
