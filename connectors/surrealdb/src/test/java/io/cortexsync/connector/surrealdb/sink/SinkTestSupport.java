package io.cortexsync.connector.surrealdb.sink;

import io.cortexsync.connector.surrealdb.client.QueryOptions;
import io.cortexsync.connector.surrealdb.client.SurrealClient;
import io.cortexsync.connector.surrealdb.client.SurrealRecordId;
import io.cortexsync.schema.ids.RecordId;
import io.cortexsync.schema.model.SyncEntity;
import io.cortexsync.schema.model.SyncEvent;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/** The engine, clients, entities and outcome collection the sink's integration tests share. */
final class SinkTestSupport {

    static final Instant TIME = Instant.parse("2026-01-01T00:00:00Z");

    private SinkTestSupport() {}

    /** An entity whose vector and metadata follow from {@code value}, so that any record can be checked. */
    static SyncEntity entity(String table, Object key, long value, Long version, int dimension) {
        return SyncEntity.builder()
                .id(RecordId.ofKey(table, key))
                .vector(vector(value, dimension))
                .metadata(Map.of("value", value, "label", "v" + value))
                .timestamp(TIME)
                .workspaceId("ws")
                .version(version)
                .build();
    }

    static float[] vector(long value, int dimension) {
        float[] vector = new float[dimension];
        for (int i = 0; i < dimension; i++) {
            vector[i] = (value % 1000) + i / 8f;
        }
        return vector;
    }

    /** Every record of {@code table}, by id, vectors as float[]; empty when the table does not exist. */
    static Map<SurrealRecordId, Map<String, Object>> records(SurrealClient client, String table) {
        Map<?, ?> info = (Map<?, ?>) client.query("INFO FOR DB", Map.of()).get(0).result();
        if (!((Map<?, ?>) info.get("tables")).containsKey(table)) {
            return Map.of();
        }
        Map<SurrealRecordId, Map<String, Object>> records = new LinkedHashMap<>();
        client.query("SELECT * FROM type::table($tb)", Map.of("tb", table),
                        QueryOptions.DEFAULTS.withFloatArrayFields("vector"))
                .get(0).records()
                .forEach(record -> records.put((SurrealRecordId) record.get("id"), record));
        return records;
    }

    /** The {@code value} field of every record of {@code table}, by id. */
    static Map<SurrealRecordId, Long> values(SurrealClient client, String table) {
        return records(client, table).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> (Long) e.getValue().get("value")));
    }

    static void await(BooleanSupplier condition, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    /** Collects outcomes under a name, across the copies Flink makes of the listener. */
    static final class CollectingListener implements SurrealSinkOutcomeListener {

        private static final long serialVersionUID = 1L;
        private static final Map<String, Queue<SurrealSinkOutcome>> OUTCOMES = new ConcurrentHashMap<>();

        private final String name;

        CollectingListener(String name) {
            this.name = name;
            OUTCOMES.put(name, new ConcurrentLinkedQueue<>());
        }

        @Override
        public void onOutcome(SurrealSinkOutcome outcome) {
            OUTCOMES.get(name).add(outcome);
        }

        List<SurrealSinkOutcome> outcomes() {
            return new ArrayList<>(OUTCOMES.get(name));
        }

        List<SurrealSinkOutcome> outcomes(SyncEvent.Type type) {
            return outcomes().stream().filter(o -> o.type() == type).collect(Collectors.toList());
        }
    }
}
