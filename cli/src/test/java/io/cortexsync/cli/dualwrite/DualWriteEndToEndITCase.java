package io.cortexsync.cli.dualwrite;

import io.cortexsync.cli.run.StreamingTestRun;
import io.cortexsync.connector.qdrant.client.QdrantConnection;
import io.cortexsync.connector.surrealdb.client.SurrealClient;
import io.cortexsync.schema.ids.RecordId;
import io.cortexsync.schema.json.SchemaJson;
import io.cortexsync.schema.model.DeadLetter;
import io.cortexsync.schema.model.EntityChange;
import io.cortexsync.schema.model.SyncEntity;
import io.cortexsync.schema.model.SyncEvent;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code cortex-sync dual-write} end to end, on the real engine, the Qdrant server and a Kafka
 * broker: 10,000 changes (creates, updates, versioned deletes, stale versions, repeated changes of
 * the same ids, hostile ids) and a few bad records go through the input topic; both stores end
 * holding exactly the expected records, and the events topic holds one final event per change,
 * read_committed. Consumed again from the start by a new job, the topic changes nothing.
 */
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class DualWriteEndToEndITCase {

    static final int DIM = 8;
    static final String TABLE = "docs";
    static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");

    @RegisterExtension
    static final DualWriteTestSupport support = new DualWriteTestSupport("dual-write-e2e");

    /** The stored version of each id as the version policy leaves it, and each request's final event type. */
    static final class Oracle {
        final Map<String, Long> stored = new LinkedHashMap<>();
        final Map<String, Boolean> exists = new TreeMap<>();
        final Map<String, SyncEvent.Type> outcomes = new LinkedHashMap<>();

        void apply(EntityChange change) {
            String id = change.recordId().canonical();
            Long was = stored.get(id);
            boolean wins = change.version() == null || was == null || change.version() > was;
            outcomes.put(change.requestId(), wins ? SyncEvent.Type.SYNCED : SyncEvent.Type.CONFLICT);
            if (wins) {
                stored.put(id, change.isDelete() && change.version() == null ? was : change.version());
                exists.put(id, !change.isDelete());
            }
        }

        List<String> existing() {
            return exists.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey).collect(Collectors.toList());
        }
    }

    static SyncEntity entity(String key, Long version, int seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] vector = new float[DIM];
        for (int d = 0; d < DIM; d++) {
            vector[d] = (float) (random.nextDouble() * 2 - 1);
        }
        return SyncEntity.builder().id(RecordId.of(TABLE, key)).vector(vector)
                .metadata(Map.of("title", "entity " + key, "seed", (long) seed))
                .timestamp(T0.plusMillis(seed)).workspaceId("ws-1").version(version).build();
    }

    /** 10,000 changes over 2,000 ids: each id gets versions 1..n in order, some stale repeats, some deletes. */
    static List<EntityChange> scenario(Oracle oracle) {
        List<EntityChange> changes = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(7);
        Map<String, Long> next = new LinkedHashMap<>();
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 1990; i++) {
            keys.add("k" + i);
        }
        keys.addAll(List.of("spa ce", "quo'te", "⟩⟨", "emoji 🚀", "SELECT * FROM docs; --", "42", "naïve café", "a\\b", "sl/ash", "0190c5b2-7d4e-7a11-8f00-123456789abc"));
        for (int n = 0; changes.size() < 10_000; n++) {
            String key = keys.get(random.nextInt(keys.size()));
            long version = next.merge(key, 1L, Long::sum);
            int dice = random.nextInt(20);
            EntityChange change;
            if (dice == 0 && version > 1) {
                change = EntityChange.delete(UUID.randomUUID().toString(), RecordId.of(TABLE, key), version, T0);
            } else if (dice == 1 && version > 2) {
                // stale: an older version arriving late
                change = upsert(entity(key, version - 2, n));
                next.merge(key, -1L, Long::sum);
            } else {
                change = upsert(entity(key, version, n));
            }
            changes.add(change);
        }
        changes.forEach(oracle::apply);
        return changes;
    }

    static EntityChange upsert(SyncEntity entity) {
        return EntityChange.upsert(UUID.randomUUID().toString(), entity, T0);
    }

    static void produce(String topic, List<String> records, List<String> keys) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, support.kafka().bootstrapServers());
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < records.size(); i++) {
                producer.send(new ProducerRecord<>(topic, keys.get(i), records.get(i)));
            }
            producer.flush();
        }
    }

    @Test
    void tenThousandChangesLandInBothStoresWithOneFinalEventEach(@TempDir Path dir) throws Exception {
        String ns = "dw_e2e";
        Oracle oracle = new Oracle();
        List<EntityChange> changes = scenario(oracle);
        List<String> records = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (EntityChange change : changes) {
            records.add(SchemaJson.ENTITY_CHANGE.writeString(change));
            keys.add(change.recordId().canonical());
        }
        // bad input: not JSON, another table, a short vector, a NaN
        records.add("{not json");
        keys.add("junk");
        EntityChange otherTable = EntityChange.upsert("req-other-table",
                SyncEntity.builder().id(RecordId.of("other", "x")).vector(new float[DIM]).timestamp(T0).workspaceId("w").build(), T0);
        float[] nan = new float[DIM];
        nan[3] = Float.NaN;
        for (EntityChange bad : List.of(otherTable,
                EntityChange.upsert("req-short", entity("short", 1L, 1).toBuilder().vector(new float[] {1f, 2f}).build(), T0),
                EntityChange.upsert("req-nan", entity("nan", 1L, 2).toBuilder().vector(nan).build(), T0))) {
            records.add(SchemaJson.ENTITY_CHANGE.writeString(bad));
            keys.add(bad.recordId().canonical());
        }
        produce("dw-input", records, keys);

        try (StreamingTestRun run = DualWriteTestRun.start(support.args(ns, "dw_e2e", dir, "dw-input", "dw-events"));
                QdrantConnection qdrant = support.stores().qdrantConnection()) {
            List<SyncEvent> finals = support.awaitFinalEvents("dw-events", changes.size() + 4, run, 240);
            Map<String, SyncEvent.Type> byRequest = new LinkedHashMap<>();
            List<SyncEvent> withoutRequest = new ArrayList<>();
            for (SyncEvent event : finals) {
                if (event.requestId() == null) {
                    withoutRequest.add(event);
                } else {
                    assertThat(byRequest.put(event.requestId(), event.type())).as("a second final event for %s", event.requestId()).isNull();
                }
            }
            Map<String, SyncEvent.Type> expected = new LinkedHashMap<>(oracle.outcomes);
            expected.put("req-other-table", SyncEvent.Type.DEAD_LETTER);
            expected.put("req-short", SyncEvent.Type.DEAD_LETTER);
            expected.put("req-nan", SyncEvent.Type.DEAD_LETTER);
            assertThat(byRequest).containsExactlyInAnyOrderEntriesOf(expected);
            assertThat(withoutRequest).singleElement().satisfies(e -> {
                assertThat(e.type()).isEqualTo(SyncEvent.Type.DEAD_LETTER);
                assertThat(e.detail()).startsWith("unparsable");
            });
            System.out.printf("dual-write end to end: %d changes, %d SYNCED, %d CONFLICT, %d DEAD_LETTER%n", finals.size(),
                    byRequest.values().stream().filter(t -> t == SyncEvent.Type.SYNCED).count(),
                    byRequest.values().stream().filter(t -> t == SyncEvent.Type.CONFLICT).count(),
                    finals.stream().filter(e -> e.type() == SyncEvent.Type.DEAD_LETTER).count());

            run.awaitStoresEqual(() -> support.stores().surrealClient(ns), qdrant, TABLE, DIM, 60);
            try (SurrealClient client = support.stores().surrealClient(ns)) {
                List<String> ids = new ArrayList<>(io.cortexsync.cli.run.StoreStates.surreal(client, TABLE, "vector", DIM).keySet());
                assertThat(ids).containsExactlyInAnyOrderElementsOf(oracle.existing());
            }
            assertThat(run.stop().stopped()).as(run.printed()).isTrue();
        }
        List<DeadLetter> letters = java.nio.file.Files.readAllLines(dir.resolve("dead.jsonl")).stream()
                .filter(l -> !l.isBlank()).map(SchemaJson.DEAD_LETTER::read).collect(Collectors.toList());
        assertThat(letters).hasSize(4);
        assertThat(letters).extracting(DeadLetter::reason).anyMatch(r -> r.contains("table 'other' is not one this job writes"))
                .anyMatch(r -> r.contains("vector of dimension 2, expected 8")).anyMatch(r -> r.contains("is NaN"));

        // the same input consumed again from the start, by a new sync of the same stores: nothing changes
        Map<String, String> before;
        try (SurrealClient client = support.stores().surrealClient(ns)) {
            before = io.cortexsync.cli.run.StoreStates.surreal(client, TABLE, "vector", DIM);
        }
        List<String> replay = support.args(ns, "dw_e2e", dir.resolve("replay"), "dw-input", "dw-replay-events");
        replay.addAll(List.of("--consumer-group", "dw-replay"));
        try (StreamingTestRun run = DualWriteTestRun.start(replay); QdrantConnection qdrant = support.stores().qdrantConnection()) {
            List<SyncEvent> finals = support.awaitFinalEvents("dw-replay-events", changes.size() + 4, run, 240);
            Map<SyncEvent.Type, Long> types = finals.stream().collect(Collectors.groupingBy(SyncEvent::type, Collectors.counting()));
            System.out.printf("replay: %s%n", types);
            assertThat(types.get(SyncEvent.Type.SYNCED)).as("replayed changes applied again: %s", types).isNull();
            try (SurrealClient client = support.stores().surrealClient(ns)) {
                assertThat(io.cortexsync.cli.run.StoreStates.surreal(client, TABLE, "vector", DIM)).isEqualTo(before);
            }
            run.awaitStoresEqual(() -> support.stores().surrealClient(ns), qdrant, TABLE, DIM, 60);
            assertThat(run.stop().stopped()).as(run.printed()).isTrue();
        }
    }
}
