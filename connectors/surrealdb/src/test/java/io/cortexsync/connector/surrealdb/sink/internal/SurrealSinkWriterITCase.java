package io.cortexsync.connector.surrealdb.sink.internal;

import io.cortexsync.connector.surrealdb.client.QueryOptions;
import io.cortexsync.connector.surrealdb.client.SurrealClient;
import io.cortexsync.connector.surrealdb.client.SurrealConnectionConfig;
import io.cortexsync.connector.surrealdb.client.SurrealRange;
import io.cortexsync.connector.surrealdb.client.SurrealRecordId;
import io.cortexsync.connector.surrealdb.client.SurrealTestEngine;
import io.cortexsync.connector.surrealdb.sink.SurrealRecordSerializer;
import io.cortexsync.connector.surrealdb.sink.SurrealSinkOutcome;
import io.cortexsync.connector.surrealdb.sink.SurrealWrite;
import io.cortexsync.schema.model.SyncEvent;

import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/** The writer alone against the real engine, its clock in the test's hands. */
@Timeout(180)
class SurrealSinkWriterITCase {

    private static final long LIMIT = 4L << 20;

    @RegisterExtension
    static final SurrealTestEngine ENGINE = SurrealTestEngine.start("sink-writer", "writer");

    private SurrealClient reader;
    private String namespace;
    private final List<SurrealSinkOutcome> outcomes = new ArrayList<>();
    private final ManualProcessingTime time = new ManualProcessingTime();

    @BeforeEach
    void connect(TestInfo test) {
        namespace = "writer_" + test.getTestMethod().orElseThrow().getName().toLowerCase();
        reader = SurrealClient.create(connection());
    }

    @AfterEach
    void disconnect() {
        reader.close();
    }

    private SurrealConnectionConfig connection() {
        return ENGINE.config(namespace).build();
    }

    private <T> SurrealSinkWriter<T> writer(
            SurrealRecordSerializer<T> serializer, int batchSize, long batchBytes, Duration interval, String versionField) {
        WriteSettings settings = new WriteSettings(
                batchSize, batchBytes, interval, versionField, 3, Duration.ofMillis(10), Duration.ofMillis(100));
        return new SurrealSinkWriter<>(SurrealClient.create(connection()), serializer, settings, outcomes::add,
                UnregisteredMetricsGroup.createSinkWriterMetricGroup(), time);
    }

    private SurrealSinkWriter<SurrealWrite> writer(int batchSize, Duration interval) {
        return writer(write -> write, batchSize, 3L << 20, interval, null);
    }

    private static SurrealWrite upsert(String table, String key, long value) {
        return SurrealWrite.upsert(SurrealRecordId.of(table, key), Map.of("value", value));
    }

    private Map<Object, Long> values(String table) {
        Map<Object, Long> values = new HashMap<>();
        Map<?, ?> tables = (Map<?, ?>) ((Map<?, ?>) reader.query("INFO FOR DB", Map.of()).get(0).result()).get("tables");
        if (tables.containsKey(table)) {
            reader.query("SELECT * FROM type::table($tb)", Map.of("tb", table)).get(0).records()
                    .forEach(r -> values.put(((SurrealRecordId) r.get("id")).key(), (Long) r.get("value")));
        }
        return values;
    }

    @Test
    void aBatchIsWrittenWhenItIsFullAndNotBefore() throws Exception {
        try (SurrealSinkWriter<SurrealWrite> writer = writer(3, Duration.ZERO)) {
            writer.write(upsert("t", "a", 1), null);
            writer.write(upsert("t", "b", 2), null);
            assertThat(values("t")).isEmpty();
            assertThat(outcomes).isEmpty();

            writer.write(upsert("t", "c", 3), null);

            assertThat(values("t")).containsOnly(Map.entry("a", 1L), Map.entry("b", 2L), Map.entry("c", 3L));
            assertThat(outcomes).extracting(SurrealSinkOutcome::type).containsOnly(SyncEvent.Type.SYNCED).hasSize(3);
            assertThat(time.pendingTimers()).isZero();
        }
    }

    @Test
    void theFlushIntervalWritesABatchThatWaitedLongEnough() throws Exception {
        try (SurrealSinkWriter<SurrealWrite> writer = writer(100, Duration.ofSeconds(1))) {
            writer.write(upsert("t", "a", 1), null);
            time.advance(400);
            writer.write(upsert("t", "b", 2), null);
            time.advance(599);
            assertThat(values("t")).isEmpty();

            time.advance(1);
            assertThat(values("t")).containsOnlyKeys("a", "b");

            writer.write(upsert("t", "c", 3), null);
            time.advance(999);
            assertThat(values("t")).doesNotContainKey("c");
            time.advance(1);
            assertThat(values("t")).containsKey("c");
        }
    }

    @Test
    void flushWritesEverythingBuffered() throws Exception {
        try (SurrealSinkWriter<SurrealWrite> writer = writer(100, Duration.ZERO)) {
            for (int i = 0; i < 42; i++) {
                writer.write(upsert("t", "k" + i, i), null);
            }
            assertThat(values("t")).isEmpty();
            writer.flush(false);
            assertThat(values("t")).hasSize(42).containsEntry("k41", 41L);
            writer.flush(true);
            assertThat(outcomes).hasSize(42);
        }
    }

    @Test
    void laterWritesToTheSameRecordWinWithinABatch() throws Exception {
        try (SurrealSinkWriter<SurrealWrite> writer = writer(100, Duration.ZERO)) {
            // the table does not exist yet: the delete must not fail the transaction
            writer.write(SurrealWrite.delete(SurrealRecordId.of("fresh", "c")), null);
            writer.write(upsert("fresh", "a", 1), null);
            writer.write(SurrealWrite.delete(SurrealRecordId.of("fresh", "a")), null);
            writer.write(upsert("fresh", "b", 1), null);
            writer.write(upsert("fresh", "b", 2), null);
            writer.write(upsert("fresh", "c", 3), null);
            writer.flush(false);

            assertThat(values("fresh")).containsOnly(Map.entry("b", 2L), Map.entry("c", 3L));
            assertThat(outcomes).extracting(SurrealSinkOutcome::type).containsOnly(SyncEvent.Type.SYNCED).hasSize(6);
        }
    }

    @Test
    void hostileIdsAreWrittenAndDeletedWithoutTouchingAnythingElse() throws Exception {
        List<String> hostile = List.of("x; DELETE code", "a⟩b", "⟩; DELETE t; --", "ключ 🙂", "with spaces", "`tick`", "'q\"");
        reader.query("UPSERT code:keep CONTENT {value: -1}; UPSERT t:bystander CONTENT {value: -2}", Map.of());
        try (SurrealSinkWriter<SurrealWrite> writer = writer(100, Duration.ZERO)) {
            for (int i = 0; i < hostile.size(); i++) {
                writer.write(upsert("t", hostile.get(i), i), null);
            }
            writer.flush(false);
            Map<Object, Long> expected = new LinkedHashMap<>();
            for (int i = 0; i < hostile.size(); i++) {
                expected.put(hostile.get(i), (long) i);
            }
            expected.put("bystander", -2L);
            assertThat(values("t")).isEqualTo(expected);

            for (String key : hostile) {
                writer.write(SurrealWrite.delete(SurrealRecordId.of("t", key)), null);
            }
            writer.flush(false);
            assertThat(values("t")).containsOnly(Map.entry("bystander", -2L));
            assertThat(values("code")).containsOnly(Map.entry("keep", -1L));
        }
    }

    @Test
    void theVersionGuardAppliesOnlyNewerVersions() throws Exception {
        SurrealRecordId id = SurrealRecordId.of("docs", "v");
        Function<Long, SurrealWrite> upsertAt = version ->
                SurrealWrite.upsert(id, Map.of("value", version * 10), version);
        try (SurrealSinkWriter<SurrealWrite> writer = writer(w -> w, 100, 3L << 20, Duration.ZERO, "rev")) {
            writer.write(upsertAt.apply(5L), null);
            writer.flush(false);
            assertThat(reader.select(id).orElseThrow()).containsEntry("value", 50L).containsEntry("rev", 5L);

            writer.write(SurrealWrite.upsert(id, Map.of("value", 31L), 3L), null);
            writer.write(SurrealWrite.upsert(id, Map.of("value", 51L), 5L), null);
            writer.flush(false);
            assertThat(reader.select(id).orElseThrow()).containsEntry("value", 50L).containsEntry("rev", 5L);
            assertThat(outcomes.subList(1, 3)).extracting(SurrealSinkOutcome::type)
                    .containsExactly(SyncEvent.Type.CONFLICT, SyncEvent.Type.SYNCED);
            assertThat(outcomes.get(1).detail()).contains("stored version 5").contains("3");
            assertThat(outcomes.get(2).detail()).contains("already stored");

            writer.write(upsertAt.apply(7L), null);
            writer.write(SurrealWrite.delete(id, 6L), null);
            writer.flush(false);
            assertThat(reader.select(id).orElseThrow()).containsEntry("value", 70L).containsEntry("rev", 7L);
            assertThat(outcomes.subList(3, 5)).extracting(SurrealSinkOutcome::type)
                    .containsExactly(SyncEvent.Type.SYNCED, SyncEvent.Type.CONFLICT);

            writer.write(SurrealWrite.delete(id, 8L), null);
            writer.write(SurrealWrite.delete(SurrealRecordId.of("docs", "never"), 1L), null);
            writer.flush(false);
            assertThat(reader.select(id)).isEmpty();
            assertThat(outcomes.subList(5, 7)).extracting(SurrealSinkOutcome::type)
                    .containsExactly(SyncEvent.Type.SYNCED, SyncEvent.Type.SYNCED);

            writer.write(SurrealWrite.upsert(id, Map.of("value", 1L)), null);
            writer.flush(false);
            assertThat(reader.select(id).orElseThrow()).as("a write without version is not guarded")
                    .containsEntry("value", 1L).doesNotContainKey("rev");
        }
    }

    @Test
    void batchesOfLargeVectorsAreSplitBelowTheRequestLimit() throws Exception {
        int count = 2_000;
        SurrealClient client = SurrealClient.create(connection());
        WriteSettings settings = new WriteSettings(
                100_000, LIMIT, Duration.ZERO, null, 3, Duration.ofMillis(10), Duration.ofMillis(100));
        try (SurrealSinkWriter<Integer> writer = new SurrealSinkWriter<>(client,
                i -> SurrealWrite.upsert(SurrealRecordId.of("big", (long) i), Map.of("value", (long) i, "vector", vector(i))),
                settings, outcomes::add, UnregisteredMetricsGroup.createSinkWriterMetricGroup(), time)) {
            for (int i = 0; i < count; i++) {
                writer.write(i, null);
            }
            writer.flush(true);

            assertThat(client.metrics().largestRequestBytes()).isLessThanOrEqualTo(LIMIT).isGreaterThan(LIMIT / 2);
            assertThat(client.metrics().requests()).isBetween(2L, 10L);
        }
        Map<SurrealRecordId, float[]> stored = new HashMap<>();
        reader.query("SELECT id, vector FROM big", Map.of(),
                        QueryOptions.DEFAULTS.withFloatArrayFields("vector"))
                .get(0).records().forEach(r -> stored.put((SurrealRecordId) r.get("id"), (float[]) r.get("vector")));
        assertThat(stored).hasSize(count);
        for (int i = 0; i < count; i++) {
            assertThat(stored.get(SurrealRecordId.of("big", (long) i))).as("record %d", i).containsExactly(vector(i));
        }
        assertThat(outcomes).hasSize(count);
    }

    private static float[] vector(int seed) {
        return vector(seed, 768);
    }

    private static float[] vector(int seed, int dimension) {
        float[] vector = new float[dimension];
        for (int i = 0; i < vector.length; i++) {
            vector[i] = (float) Math.sin(seed * 0.37 + i);
        }
        return vector;
    }

    @Test
    void writesThatCanNeverSucceedBecomeDeadLettersAndTheRestIsWritten() throws Exception {
        SurrealRecordSerializer<Long> serializer = n -> {
            if (n == 1) {
                throw new IllegalStateException("no id for 1");
            }
            if (n == 2) {
                return SurrealWrite.delete(SurrealRecordId.range("t", SurrealRange.halfOpen(0L, 10L)));
            }
            if (n == 3) {
                return SurrealWrite.upsert(SurrealRecordId.of("t", "huge"), Map.of("vector", vector(1, 1_200_000)));
            }
            if (n == 4) {
                return SurrealWrite.upsert(SurrealRecordId.of("t", "x"), Map.of("id", SurrealRecordId.of("t", "y")));
            }
            return SurrealWrite.upsert(SurrealRecordId.of("t", n), Map.of("value", n));
        };
        try (SurrealSinkWriter<Long> writer = writer(serializer, 100, 3L << 20, Duration.ZERO, null)) {
            for (long n = 0; n < 7; n++) {
                writer.write(n, null);
            }
            writer.flush(false);
        }
        Map<Object, Long> values = values("t");
        assertThat(values).containsOnlyKeys(0L, 5L, 6L);
        List<SurrealSinkOutcome> dead = outcomes.stream()
                .filter(o -> o.type() == SyncEvent.Type.DEAD_LETTER).toList();
        assertThat(dead).hasSize(4);
        assertThat(dead.get(0).detail()).contains("serializer failed").contains("no id for 1");
        assertThat(dead.get(1).detail()).contains("range");
        assertThat(dead.get(2).recordId()).isEqualTo("t:huge");
        assertThat(dead.get(2).detail()).contains("request limit");
        assertThat(dead.get(3).detail()).contains("'id'");
    }

    @Test
    void aFlushWritesAroundRejectedWritesAndReportsEveryWriteOnce() throws Exception {
        reader.query("DEFINE TABLE g SCHEMAFULL; DEFINE FIELD value ON g TYPE int; DEFINE FIELD rev ON g TYPE int;"
                + "UPSERT g:a CONTENT {value: 50, rev: 5};", Map.of());
        List<SurrealWrite> batch = List.of(
                SurrealWrite.upsert(SurrealRecordId.of("g", "a"), Map.of("value", 3L), 3L),
                SurrealWrite.upsert(SurrealRecordId.of("g", "b"), Map.of("value", 1L), 1L),
                SurrealWrite.delete(SurrealRecordId.of("nosuch", "x")),
                SurrealWrite.upsert(SurrealRecordId.of("g", "c"), Map.of("value", "not a number"), 1L),
                SurrealWrite.upsert(SurrealRecordId.of("g", "d"), Map.of("value", 4L), 1L),
                SurrealWrite.upsert(SurrealRecordId.of("g", "b"), Map.of("value", 6L), 2L));
        try (SurrealSinkWriter<SurrealWrite> writer = writer(w -> w, 100, 3L << 20, Duration.ZERO, "rev")) {
            for (SurrealWrite write : batch) {
                writer.write(write, null);
            }
            assertThat(outcomes).isEmpty();

            writer.flush(false);

            assertThat(values("g")).containsOnly(Map.entry("a", 50L), Map.entry("b", 6L), Map.entry("d", 4L));
            assertThat(outcomes).extracting(o -> o.recordId() + " " + o.type()).containsExactlyInAnyOrder(
                    "g:a CONFLICT", "g:b SYNCED", "nosuch:x SYNCED", "g:c DEAD_LETTER", "g:d SYNCED", "g:b SYNCED");
            assertThat(outcomes).filteredOn(o -> o.type() == SyncEvent.Type.DEAD_LETTER).singleElement()
                    .satisfies(o -> assertThat(o.detail())
                            .startsWith("Couldn't coerce value for field").contains("`g:c`").contains("'not a number'"));

            writer.flush(false);
            assertThat(outcomes).hasSize(batch.size());
        }
    }

    @Test
    void transactionConflictsBetweenConcurrentWritersAreRetried() throws Exception {
        Throwable withoutRetries = race(0, Integer.MAX_VALUE, Duration.ofSeconds(60));
        assertThat(withoutRetries).as("concurrent batches over the same records meet conflicts")
                .isInstanceOf(IOException.class).hasMessageContaining("conflict");

        Throwable withRetries = race(30, 15, Duration.ofSeconds(120));

        assertThat(withRetries).isNull();
        Map<Object, Long> values = values("race");
        assertThat(values).hasSize(100).allSatisfy((key, value) -> assertThat(value).isEqualTo(14L));
    }

    /**
     * Four writers write the same 100 records, round after round, each round one batch; returns
     * the first failure, or null when every writer finished its rounds.
     */
    private Throwable race(int conflictRetries, int rounds, Duration timeout) throws Exception {
        WriteSettings settings = new WriteSettings(
                100, 3L << 20, Duration.ZERO, null, conflictRetries, Duration.ofMillis(5), Duration.ofMillis(100));
        ExecutorService threads = Executors.newFixedThreadPool(4);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                writers.add(threads.submit(() -> {
                    try (SurrealSinkWriter<SurrealWrite> writer = new SurrealSinkWriter<>(
                            SurrealClient.create(connection()), write -> write, settings, outcome -> {},
                            UnregisteredMetricsGroup.createSinkWriterMetricGroup(), new ManualProcessingTime())) {
                        for (long round = 0; round < rounds && failure.get() == null && System.nanoTime() < deadline; round++) {
                            for (int k = 0; k < 100; k++) {
                                writer.write(upsert("race", "k" + k, round), null);
                            }
                        }
                    } catch (Throwable t) {
                        failure.compareAndSet(null, t);
                    }
                    return null;
                }));
            }
            for (Future<?> writer : writers) {
                writer.get(timeout.toSeconds() + 30, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
        return failure.get();
    }
}
