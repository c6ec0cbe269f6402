package io.cortexsync.connector.dualwrite;

import io.cortexsync.schema.ids.RecordId;
import io.cortexsync.schema.model.EntityChange;
import io.cortexsync.schema.model.SyncEntity;
import io.cortexsync.schema.model.SyncEvent;
import io.cortexsync.schema.serialization.SchemaTypes;
import io.cortexsync.testkit.flink.MiniClusters;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.api.common.JobID;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static io.cortexsync.connector.dualwrite.DualWriteTestStores.DIM;
import static io.cortexsync.connector.dualwrite.DualWriteTestStores.T0;
import static io.cortexsync.connector.dualwrite.DualWriteTestStores.entity;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dual-write sink in a checkpointed job on a MiniCluster, against the real engine and the
 * Qdrant server: creates, updates, stale versions, versioned deletes, re-creations, one record
 * changed many times and hostile ids end with both stores holding the expected records and one
 * final event per change; a Qdrant outage delays Qdrant only, with RETRYING events, and nothing
 * is lost.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class DualWriteSinkITCase {

    private static final InMemoryReporter REPORTER = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = MiniClusters.withSlots(4, REPORTER);

    /** The changes each test's job reads, by test name; the generator's n-th number picks the n-th. */
    private static final Map<String, List<EntityChange>> SCENARIOS = new ConcurrentHashMap<>();

    private static DualWriteTestStores stores;

    @BeforeAll
    static void start() throws Exception {
        stores = DualWriteTestStores.start("dual-write-sink");
    }

    @AfterAll
    static void stop() {
        if (stores != null) {
            stores.close();
        }
    }

    /** What the stores must end with, and each change's final event: the version policy, worked by hand. */
    private static final class Oracle {
        final Map<String, Long> versions = new TreeMap<>();
        final Map<String, Long> stored = new LinkedHashMap<>();
        final Map<String, Boolean> exists = new LinkedHashMap<>();
        final Map<String, SyncEvent.Type> outcomes = new LinkedHashMap<>();

        void apply(EntityChange change) {
            String id = change.recordId().canonical();
            Long version = change.version();
            Long was = stored.get(id);
            boolean wins = version == null || was == null || version > was;
            outcomes.put(change.requestId(), wins ? SyncEvent.Type.SYNCED : SyncEvent.Type.CONFLICT);
            if (!wins) {
                return;
            }
            if (change.isDelete()) {
                stored.put(id, version != null ? version : was);
                versions.remove(id);
            } else {
                stored.put(id, version);
                versions.put(id, version);
            }
        }
    }

    private static List<EntityChange> scenario(Oracle oracle) {
        List<EntityChange> changes = new ArrayList<>();
        int seed = 0;
        for (int i = 0; i < 100; i++) {
            changes.add(upsert(entity("docs", "k" + i, 1L, DIM, seed++)));
        }
        for (int i = 0; i < 50; i++) {
            changes.add(upsert(entity("docs", "k" + i, 2L, DIM, seed++)));
        }
        for (int i = 0; i < 20; i++) {
            changes.add(upsert(entity("docs", "k" + i, 1L, DIM, seed++)));
        }
        for (int i = 50; i < 70; i++) {
            changes.add(EntityChange.delete(UUID.randomUUID().toString(), RecordId.of("docs", "k" + i), 2L, T0));
        }
        for (int i = 50; i < 60; i++) {
            changes.add(upsert(entity("docs", "k" + i, 1L, DIM, seed++)));
        }
        for (int i = 60; i < 65; i++) {
            changes.add(upsert(entity("docs", "k" + i, 3L, DIM, seed++)));
        }
        for (String hostile : List.of("spa ce", "quo'te", "⟩⟨", "emoji 🚀", "SELECT * FROM docs; --", "42")) {
            changes.add(upsert(entity("docs", hostile, 1L, DIM, seed++)));
        }
        for (long v = 2; v <= 31; v++) {
            changes.add(upsert(entity("docs", "k99", v, DIM, seed++)));
        }
        for (int i = 0; i < 5; i++) {
            changes.add(upsert(entity("docs", "u" + i, null, DIM, seed++)));
        }
        changes.add(EntityChange.delete(UUID.randomUUID().toString(), RecordId.of("docs", "u0"), null, T0));
        changes.forEach(oracle::apply);
        return changes;
    }

    private static EntityChange upsert(SyncEntity entity) {
        return EntityChange.upsert(UUID.randomUUID().toString(), entity, T0);
    }

    /** An endless job: the scenario's changes, then nothing (the generator's later numbers are dropped). */
    private static JobClient startJob(String name, DualWriteSink sink) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        env.enableCheckpointing(300);
        int size = SCENARIOS.get(name).size();
        DataGeneratorSource<Long> numbers = new DataGeneratorSource<>(n -> n, Long.MAX_VALUE, RateLimiterStrategy.perSecond(400), Types.LONG);
        env.fromSource(numbers, WatermarkStrategy.noWatermarks(), "numbers").setParallelism(1)
                .flatMap((Long n, Collector<EntityChange> out) -> {
                    if (n < size) {
                        out.collect(SCENARIOS.get(name).get(n.intValue()));
                    }
                }).returns(SchemaTypes.ENTITY_CHANGE).setParallelism(1)
                .keyBy(change -> change.recordId().canonical())
                .sinkTo(sink).uid("dual-write");
        return env.executeAsync(name);
    }

    private static List<SyncEvent> awaitFinalEvents(String name, int count, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        Predicate<SyncEvent> isFinal = e -> e.type() != SyncEvent.Type.RETRYING;
        List<SyncEvent> finals = List.of();
        while (System.nanoTime() < deadline) {
            finals = CollectingEventSink.events(name).stream().filter(isFinal).collect(Collectors.toList());
            if (finals.size() >= count) {
                return finals;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("expected " + count + " final events within " + within + ", got " + finals.size());
    }

    private DualWriteSink sink(String name, String ns) throws Exception {
        stores.createCollection(name);
        return DualWriteSink.builder()
                .setSurrealConnection(stores.surrealConfig(ns))
                .setQdrantConnection(stores.qdrantConfig())
                .setCollection(name)
                .setSinkId(name)
                .setMaxChangesPerCommit(64)
                .setQdrantRetryInPlace(Duration.ofMillis(300))
                .setQdrantMaxBackoff(Duration.ofSeconds(1))
                .setEventSink(new CollectingEventSink(name))
                .build();
    }

    @Test
    void everyChangeLandsInBothStoresWithOneFinalEvent() throws Exception {
        String name = "dw_all";
        Oracle oracle = new Oracle();
        SCENARIOS.put(name, scenario(oracle));
        JobClient job = startJob(name, sink(name, name));
        try {
            List<SyncEvent> finals = awaitFinalEvents(name, SCENARIOS.get(name).size(), Duration.ofSeconds(120));
            Map<String, SyncEvent.Type> byRequest = new LinkedHashMap<>();
            finals.forEach(e -> byRequest.merge(e.requestId(), e.type(), (a, b) -> {
                throw new AssertionError("two final events for request " + e.requestId());
            }));
            assertThat(byRequest).containsExactlyInAnyOrderEntriesOf(oracle.outcomes);
            assertThat(stores.surrealVersions(name, "docs")).containsExactlyInAnyOrderEntriesOf(oracle.versions);
            assertThat(stores.qdrantVersions(name)).containsExactlyInAnyOrderEntriesOf(oracle.versions);
            long synced = finals.stream().filter(e -> e.type() == SyncEvent.Type.SYNCED).count();
            long conflicts = finals.stream().filter(e -> e.type() == SyncEvent.Type.CONFLICT).count();
            // the stage's metrics count what the events say
            assertThat(sum(job.getJobID(), "changesCommitted")).isEqualTo(synced);
            assertThat(sum(job.getJobID(), "conflicts")).isEqualTo(conflicts);
            assertThat(sum(job.getJobID(), "compensations")).isZero();
            assertThat(sum(job.getJobID(), "committablesCommitted")).isPositive();
            // one latency per final outcome, none negative, and nothing left pending once every change is answered
            List<Histogram> latencies = metrics(job.getJobID(), "commitLatencyMs", Histogram.class);
            assertThat(latencies.stream().mapToLong(Histogram::getCount).sum()).isEqualTo(finals.size());
            assertThat(latencies).allSatisfy(h -> assertThat(h.getCount() == 0 || h.getStatistics().getMin() >= 0).isTrue());
            assertThat(gaugeSum(job.getJobID(), "committablesPending")).isZero();
            System.out.printf("dual write: %d changes, %d SYNCED, %d CONFLICT%n", finals.size(),
                    finals.stream().filter(e -> e.type() == SyncEvent.Type.SYNCED).count(),
                    finals.stream().filter(e -> e.type() == SyncEvent.Type.CONFLICT).count());
        } finally {
            job.cancel().get(60, TimeUnit.SECONDS);
        }
    }

    @Test
    void aQdrantOutageDelaysQdrantOnlyWithRetryingEventsAndLosesNothing() throws Exception {
        String name = "dw_outage";
        Oracle oracle = new Oracle();
        List<EntityChange> changes = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            changes.add(upsert(entity("docs", "o" + i, 1L, DIM, i)));
        }
        changes.forEach(oracle::apply);
        SCENARIOS.put(name, changes);
        DualWriteSink sink = sink(name, name);
        stores.qdrant.faults().goUnavailable();
        JobClient job = startJob(name, sink);
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            // SurrealDB takes every change while Qdrant is down
            while (stores.surrealVersions(name, "docs").size() < changes.size()) {
                assertThat(System.nanoTime()).as("SurrealDB holds all %d changes during the outage", changes.size()).isLessThan(deadline);
                Thread.sleep(200);
            }
            while (CollectingEventSink.events(name).stream().noneMatch(e -> e.type() == SyncEvent.Type.RETRYING)) {
                assertThat(System.nanoTime()).as("RETRYING events during the outage").isLessThan(deadline);
                Thread.sleep(200);
            }
            Thread.sleep(3000);
            assertThat(CollectingEventSink.events(name)).noneMatch(e -> e.type() != SyncEvent.Type.RETRYING);
            long pendingDuringOutage = gaugeSum(job.getJobID(), "committablesPending");
            assertThat(pendingDuringOutage).as("committables waiting for Qdrant").isPositive();
            stores.qdrant.faults().resume();
            List<SyncEvent> finals = awaitFinalEvents(name, changes.size(), Duration.ofSeconds(120));
            assertThat(finals).hasSize(changes.size()).allMatch(e -> e.type() == SyncEvent.Type.SYNCED);
            assertThat(stores.qdrantVersions(name)).containsExactlyInAnyOrderEntriesOf(oracle.versions);
            long retrying = CollectingEventSink.events(name).stream().filter(e -> e.type() == SyncEvent.Type.RETRYING).count();
            System.out.printf("outage: %d RETRYING events, %d committables pending, then %d SYNCED%n",
                    retrying, pendingDuringOutage, finals.size());
            assertThat(sum(job.getJobID(), "qdrantRetries")).isPositive();
            assertThat(gaugeSum(job.getJobID(), "committablesPending")).as("pending once caught up").isZero();
        } finally {
            stores.qdrant.faults().reset();
            job.cancel().get(60, TimeUnit.SECONDS);
        }
    }

    /**
     * The sum of the counter {@code name} over the job's subtasks and their attempts (the reporter
     * keeps a failed attempt's metrics): a change is counted by the attempt that committed it.
     */
    private static long sum(JobID job, String name) {
        return metrics(job, name, Counter.class).stream().mapToLong(Counter::getCount).sum();
    }

    /** The sum of the gauge {@code name} over the job's running subtasks (a failed attempt's gauge is not summed). */
    private static long gaugeSum(JobID job, String name) {
        long total = 0;
        for (Map.Entry<MetricGroup, Map<String, Metric>> entry : REPORTER.getMetricsByGroup().entrySet()) {
            Map<String, String> variables = entry.getKey().getAllVariables();
            if (job.toString().equals(variables.get("<job_id>")) && entry.getValue().get(name) instanceof Gauge
                    && variables.get("<task_attempt_num>").equals(latestAttempt(job, name, variables.get("<subtask_index>")))) {
                total += ((Number) ((Gauge<?>) entry.getValue().get(name)).getValue()).longValue();
            }
        }
        return total;
    }

    private static String latestAttempt(JobID job, String name, String subtask) {
        return REPORTER.getMetricsByGroup().entrySet().stream()
                .filter(e -> job.toString().equals(e.getKey().getAllVariables().get("<job_id>")))
                .filter(e -> subtask.equals(e.getKey().getAllVariables().get("<subtask_index>")) && e.getValue().containsKey(name))
                .map(e -> e.getKey().getAllVariables().get("<task_attempt_num>"))
                .max(Comparator.comparingInt(Integer::parseInt))
                .orElseThrow();
    }

    /** Every metric {@code name} of the job's subtasks, over their attempts. */
    private static <M extends Metric> List<M> metrics(JobID job, String name, Class<M> type) {
        List<M> found = new ArrayList<>();
        REPORTER.getMetricsByGroup().forEach((group, metrics) -> {
            if (job.toString().equals(group.getAllVariables().get("<job_id>")) && type.isInstance(metrics.get(name))) {
                found.add(type.cast(metrics.get(name)));
            }
        });
        assertThat(found).as("%s %s", type.getSimpleName(), name).isNotEmpty();
        return found;
    }
}
