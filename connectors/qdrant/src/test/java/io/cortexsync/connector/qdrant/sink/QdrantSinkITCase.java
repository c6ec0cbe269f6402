package io.cortexsync.connector.qdrant.sink;

import io.cortexsync.connector.qdrant.client.QdrantConnection;
import io.cortexsync.connector.qdrant.client.QdrantConnectionConfig;
import io.cortexsync.connector.qdrant.convert.EntityChangePointConverter;
import io.cortexsync.connector.qdrant.convert.QdrantPointConverter;
import io.cortexsync.connector.qdrant.convert.QdrantWrite;
import io.cortexsync.connector.qdrant.convert.SyncEntityPointConverter;
import io.cortexsync.schema.hash.ContentHash;
import io.cortexsync.schema.ids.PointIds;
import io.cortexsync.schema.ids.RecordId;
import io.cortexsync.schema.model.DeadLetter;
import io.cortexsync.schema.model.EntityChange;
import io.cortexsync.schema.model.PayloadFields;
import io.cortexsync.schema.model.SyncEntity;
import io.cortexsync.schema.serialization.SchemaTypes;
import io.cortexsync.testkit.flink.MiniClusters;
import io.cortexsync.testkit.qdrant.QdrantTestServer;

import io.qdrant.client.PointIdFactory;
import io.qdrant.client.VectorFactory;
import io.qdrant.client.grpc.Collections.Distance;
import io.qdrant.client.grpc.Collections.VectorParams;
import io.qdrant.client.grpc.JsonWithInt.Value;
import io.qdrant.client.grpc.Points.NamedVectors;
import io.qdrant.client.grpc.Points.PointStruct;
import io.qdrant.client.grpc.Points.RetrievedPoint;
import io.qdrant.client.grpc.Points.Vectors;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.JobID;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Metric;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongPredicate;
import java.util.stream.Collectors;

import static io.cortexsync.connector.qdrant.sink.SinkTestSupport.createCollection;
import static io.cortexsync.connector.qdrant.sink.SinkTestSupport.entity;
import static io.cortexsync.connector.qdrant.sink.SinkTestSupport.pointsBySurrealId;
import static io.cortexsync.connector.qdrant.sink.SinkTestSupport.text;
import static io.cortexsync.connector.qdrant.sink.SinkTestSupport.vector;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** The sink in Flink jobs on a MiniCluster, writing to the testkit's Qdrant server. */
@Timeout(120)
class QdrantSinkITCase {

    private static final int DIM = 8;
    private static final InMemoryReporter REPORTER = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = MiniClusters.withSlots(2, REPORTER);

    private static QdrantTestServer qdrant;
    private QdrantConnectionConfig connection;
    private String collection;

    @BeforeAll
    static void start() {
        qdrant = QdrantTestServer.builder().port(0).apiKey("sink-key").build().start();
    }

    @AfterAll
    static void stop() {
        if (qdrant != null) {
            qdrant.close();
        }
    }

    @BeforeEach
    void connect(TestInfo test) {
        qdrant.faults().reset();
        connection = QdrantConnectionConfig.builder()
                .host(qdrant.host())
                .port(qdrant.port())
                .apiKey("sink-key")
                .requestTimeout(Duration.ofSeconds(10))
                .build();
        collection = "sink_" + test.getTestMethod().orElseThrow().getName();
    }

    @Test
    void writesEntitiesWithSyncFieldsAndDeadLettersTheWrongDimensionAndNaN() throws Exception {
        createCollection(connection, collection, DIM);
        List<SyncEntity> entities = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            entities.add(entity("doc", i, DIM, 1));
        }
        entities.set(100, entity("doc", 100, DIM - 1, 1));
        float[] withNaN = entities.get(300).vector();
        withNaN[3] = Float.NaN;
        entities.set(300, entities.get(300).toBuilder().vector(withNaN).build());
        SinkTestSupport.CollectingDeadLetters deadLetters = new SinkTestSupport.CollectingDeadLetters(collection);

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        env.fromData(entities, SchemaTypes.SYNC_ENTITY)
                .sinkTo(sink(new SyncEntityPointConverter()).setBatchSize(64).setOutcomeListener(deadLetters).build());
        Instant started = Instant.now();
        JobExecutionResult result = env.execute("writes entities");

        Map<String, RetrievedPoint> points = pointsBySurrealId(connection, collection);
        assertThat(points).hasSize(498).doesNotContainKeys("doc:100", "doc:300");
        for (SyncEntity entity : entities) {
            RetrievedPoint point = points.get(entity.id().canonical());
            if (point == null) {
                continue;
            }
            assertThat(point.getId().getUuid()).isEqualTo(PointIds.pointId(entity.id()).toString());
            assertThat(vector(point)).containsExactly(entity.vector());
            assertThat(text(point, PayloadFields.TABLE)).isEqualTo("doc");
            assertThat(text(point, PayloadFields.CONTENT_HASH)).isEqualTo(ContentHash.of(entity));
            assertThat(point.getPayloadMap().get(PayloadFields.VERSION).getIntegerValue()).isEqualTo(1L);
            assertThat(Instant.parse(text(point, PayloadFields.SYNCED_AT))).isBetween(started, Instant.now());
            assertThat(text(point, "title")).isEqualTo(entity.metadata().get("title"));
            assertThat(point.getPayloadMap().get("tags").getListValue().getValuesList())
                    .extracting(Value::getStringValue).containsExactly("a", "b");
        }
        assertThat(deadLetters.received())
                .extracting(DeadLetter::recordId, DeadLetter::stage)
                .containsExactlyInAnyOrder(
                        tuple("doc:100", "qdrant-sink"),
                        tuple("doc:300", "qdrant-sink"));
        Map<String, String> reasons = deadLetters.received().stream()
                .collect(Collectors.toMap(DeadLetter::recordId, DeadLetter::reason));
        assertThat(reasons.get("doc:100")).contains("dimension 7").contains("8");
        assertThat(reasons.get("doc:300")).contains("element 3 is NaN");
        assertThat(deadLetters.received()).allSatisfy(d -> assertThat(d.raw()).contains(d.recordId()));

        assertThat(sum(result.getJobID(), "pointsWritten")).isEqualTo(498);
        assertThat(sum(result.getJobID(), "numRecordsSend")).isEqualTo(498);
        assertThat(sum(result.getJobID(), "deadLetters")).isEqualTo(2);
        assertThat(sum(result.getJobID(), "batches")).isGreaterThanOrEqualTo(4);
    }

    @Test
    void isolatesThePointsQdrantRefusesAndWritesTheRestOfTheirBatch() throws Exception {
        // A named vector: the sink cannot pre-check its dimension, so Qdrant refuses whole batches.
        createNamedCollection(collection, "v", DIM);
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            ids.add(i);
        }
        SinkTestSupport.CollectingDeadLetters deadLetters = new SinkTestSupport.CollectingDeadLetters(collection);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        env.fromData(ids)
                .sinkTo(sink(QdrantSinkITCase::namedVectorPoint)
                        .setBatchSize(128).setMinBatchSize(128).setMaxBatchSize(128)
                        .setOutcomeListener(deadLetters)
                        .build());
        long upsertsBefore = qdrant.callCount("Upsert");
        env.execute("isolates refused points");

        assertThat(pointsBySurrealId(connection, collection)).hasSize(498).doesNotContainKeys("n:17", "n:400");
        assertThat(deadLetters.received()).extracting(DeadLetter::recordId).containsExactlyInAnyOrder("n:17", "n:400");
        assertThat(deadLetters.received()).allSatisfy(d -> assertThat(d.reason())
                .contains("INVALID_ARGUMENT").contains("Vector dimension error").contains("expected dim: 8, got 7"));
        // bisection: two bad points in four batches of 128 need far fewer calls than one per point
        assertThat(qdrant.callCount("Upsert") - upsertsBefore).isBetween(6L, 40L);
    }

    @Test
    void interleavedUpsertsAndDeletesEndInTheLastOperationOfEachId() throws Exception {
        createCollection(connection, collection, DIM);
        Random random = new Random(42);
        List<EntityChange> changes = new ArrayList<>();
        Map<String, EntityChange> last = new HashMap<>();
        for (int op = 0; op < 1000; op++) {
            int id = random.nextInt(50);
            EntityChange change = random.nextInt(3) == 0
                    ? EntityChange.delete("r" + op, RecordId.of("item", (long) id), SinkTestSupport.TIME)
                    : EntityChange.upsert("r" + op, entity("item", id, DIM, op), SinkTestSupport.TIME);
            changes.add(change);
            last.put(change.recordId().canonical(), change);
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.fromData(changes, SchemaTypes.ENTITY_CHANGE)
                .setParallelism(1)
                .keyBy(change -> change.recordId().canonical())
                .sinkTo(sink(new EntityChangePointConverter())
                        .setBatchSize(4).setMinBatchSize(1).setMaxBatchSize(8)
                        .setMaxInFlightBatches(8)
                        .setMaxBufferedTime(Duration.ofMillis(2))
                        .build())
                .setParallelism(2);
        JobExecutionResult result = env.execute("interleaved upserts and deletes");

        Map<String, RetrievedPoint> points = pointsBySurrealId(connection, collection);
        for (Map.Entry<String, EntityChange> expected : last.entrySet()) {
            EntityChange change = expected.getValue();
            if (change.isDelete()) {
                assertThat(points).as("deleted last: %s", expected.getKey()).doesNotContainKey(expected.getKey());
            } else {
                assertThat(points).containsKey(expected.getKey());
                assertThat(points.get(expected.getKey()).getPayloadMap().get("salt").getIntegerValue())
                        .as("salt of %s", expected.getKey())
                        .isEqualTo(change.entity().metadata().get("salt"));
            }
        }
        assertThat(points).hasSize((int) last.values().stream().filter(c -> !c.isDelete()).count());
        assertThat(sum(result.getJobID(), "pointsDeleted")).isPositive();
        assertThat(sum(result.getJobID(), "numRecordsSend")).isEqualTo(1000);
    }

    @Test
    void anOutageInTheMiddleOfTheJobIsRiddenOutByRetries() throws Exception {
        createCollection(connection, collection, DIM);
        List<SyncEntity> entities = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            entities.add(entity("doc", i, DIM, 7));
        }
        // slow enough that the job is surely still writing when the outage starts
        qdrant.faults().latency(Duration.ofMillis(20));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        env.enableCheckpointing(500);
        env.fromData(entities, SchemaTypes.SYNC_ENTITY)
                .sinkTo(sink(new SyncEntityPointConverter())
                        .setBatchSize(50).setMinBatchSize(10).setMaxBatchSize(50)
                        .setMaxRetries(30).setInitialBackoff(Duration.ofMillis(50)).setMaxBackoff(Duration.ofMillis(400))
                        .build());
        long upsertsBefore = qdrant.callCount("Upsert");
        JobClient job = env.executeAsync("outage");
        CompletableFuture<Long> callsDuringOutage = CompletableFuture.supplyAsync(() -> {
            awaitCalls(n -> n >= upsertsBefore + 6);
            qdrant.faults().goUnavailable();
            long atStart = qdrant.callCount("Upsert");
            try {
                Thread.sleep(3000); // the outage's length, not a wait for anything
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            qdrant.faults().resume();
            return qdrant.callCount("Upsert") - atStart;
        });
        JobExecutionResult result = job.getJobExecutionResult().get(90, TimeUnit.SECONDS);

        assertThat(callsDuringOutage.get(10, TimeUnit.SECONDS)).as("calls refused during the outage").isPositive();
        Map<String, RetrievedPoint> points = pointsBySurrealId(connection, collection);
        assertThat(points).hasSize(3000);
        for (SyncEntity entity : entities) {
            RetrievedPoint point = points.get(entity.id().canonical());
            assertThat(vector(point)).containsExactly(entity.vector());
            assertThat(text(point, PayloadFields.CONTENT_HASH)).isEqualTo(ContentHash.of(entity));
        }
        assertThat(sum(result.getJobID(), "retries")).isPositive();
        assertThat(sum(result.getJobID(), "numRecordsSend")).isGreaterThanOrEqualTo(3000);
    }

    @Test
    void theBatchSizeShrinksUnderLatencyAboveTheTargetAndGrowsBackWithoutIt() throws Exception {
        createCollection(connection, collection, 4);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        env.fromSequence(0, Long.MAX_VALUE - 1)
                .map(i -> entity("cycle", (int) (i % 500), 4, 0))
                .returns(SchemaTypes.SYNC_ENTITY)
                .sinkTo(sink(new SyncEntityPointConverter())
                        .setBatchSize(128).setMinBatchSize(8).setMaxBatchSize(256)
                        .setTargetLatency(Duration.ofMillis(300))
                        .setMaxInFlightBatches(2)
                        .build());
        qdrant.faults().latency(Duration.ofMillis(800));
        JobClient job = env.executeAsync("adaptive batch size");
        try {
            JobID id = job.getJobID();
            awaitGauge(id, "currentBatchSize", size -> size == 8);
            qdrant.faults().latency(Duration.ZERO);
            awaitGauge(id, "currentBatchSize", size -> size >= 64);
        } finally {
            job.cancel().get(30, TimeUnit.SECONDS);
        }
    }

    private QdrantSinkBuilder<SyncEntity> sink(SyncEntityPointConverter converter) {
        return QdrantSink.<SyncEntity>builder()
                .setConnectionConfig(connection)
                .setCollectionName(collection)
                .setPointConverter(converter)
                .setMaxBufferedTime(Duration.ofMillis(100));
    }

    private QdrantSinkBuilder<EntityChange> sink(EntityChangePointConverter converter) {
        return QdrantSink.<EntityChange>builder()
                .setConnectionConfig(connection)
                .setCollectionName(collection)
                .setPointConverter(converter);
    }

    private QdrantSinkBuilder<Integer> sink(QdrantPointConverter<Integer> converter) {
        return QdrantSink.<Integer>builder()
                .setConnectionConfig(connection)
                .setCollectionName(collection)
                .setPointConverter(converter)
                .setMaxBufferedTime(Duration.ofMillis(100));
    }

    /** Point {@code n:i} with the named vector "v"; points 17 and 400 have one element too few. */
    private static QdrantWrite namedVectorPoint(Integer i) {
        float[] v = new float[i == 17 || i == 400 ? DIM - 1 : DIM];
        v[0] = 1 + i;
        String recordId = "n:" + i;
        PointStruct point = PointStruct.newBuilder()
                .setId(PointIdFactory.id(PointIds.pointId(recordId)))
                .setVectors(Vectors.newBuilder().setVectors(NamedVectors.newBuilder().putVectors("v", VectorFactory.vector(v))))
                .putPayload(PayloadFields.SURREAL_ID, Value.newBuilder().setStringValue(recordId).build())
                .build();
        return QdrantWrite.upsert(point, recordId, () -> "{\"n\":" + i + "}");
    }

    private void createNamedCollection(String name, String vectorName, int dim) throws Exception {
        try (QdrantConnection c = QdrantConnection.open(connection)) {
            c.client().createCollectionAsync(name, Map.of(vectorName,
                    VectorParams.newBuilder().setSize(dim).setDistance(Distance.Euclid).build()))
                    .get(10, TimeUnit.SECONDS);
        }
    }

    private static void awaitCalls(LongPredicate condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.test(qdrant.callCount("Upsert"))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the job made too few Upsert calls: " + qdrant.callCount("Upsert"));
            }
            Thread.onSpinWait();
        }
    }

    private static void awaitGauge(JobID job, String name, LongPredicate condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
        List<Long> seen = List.of();
        while (System.nanoTime() < deadline) {
            seen = values(job, name);
            if (!seen.isEmpty() && seen.stream().allMatch(condition::test)) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("metric " + name + " never met the condition; last values " + seen);
    }

    private static long sum(JobID job, String name) {
        List<Long> values = values(job, name);
        assertThat(values).as("metric %s", name).isNotEmpty();
        return values.stream().mapToLong(Long::longValue).sum();
    }

    private static List<Long> values(JobID job, String name) {
        // the search matches by part of the name: keep only the metrics named exactly so
        List<Metric> metrics = REPORTER.findMetrics(job, name).entrySet().stream()
                .filter(entry -> entry.getKey().endsWith("." + name))
                .map(Map.Entry::getValue)
                .collect(Collectors.toList());
        return metrics.stream()
                .map(metric -> metric instanceof Gauge
                        ? ((Number) ((Gauge<?>) metric).getValue()).longValue()
                        : ((Counter) metric).getCount())
                .collect(Collectors.toList());
    }
}
