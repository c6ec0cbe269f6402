package io.cortexsync.cli.chaos;

import io.cortexsync.cli.cluster.Await;
import io.cortexsync.cli.dualwrite.DualWriteTestRun;
import io.cortexsync.cli.run.StoreStates;
import io.cortexsync.cli.run.StreamingTestRun;
import io.cortexsync.connector.qdrant.client.QdrantConnection;
import io.cortexsync.connector.surrealdb.client.StatementResult;
import io.cortexsync.connector.surrealdb.client.SurrealClient;
import io.cortexsync.schema.ids.RecordId;
import io.cortexsync.schema.json.SchemaJson;
import io.cortexsync.schema.model.EntityChange;
import io.cortexsync.schema.model.SyncEntity;
import io.cortexsync.schema.model.SyncEvent;
import io.cortexsync.testkit.logging.LogCapture;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fault matrix's {@code dual-write} rows for the stores' faults: a steady stream of changes on
 * the input topic while SurrealDB restarts, Qdrant is unavailable or slow, connections to both are
 * cut, or the Kafka broker restarts. Each row ends with every key at its last version in SurrealDB,
 * Qdrant equal to SurrealDB, and exactly one final event per change.
 */
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class DualWriteStoreFaultsITCase {

    private static final int DIM = 8;
    private static final String TABLE = "doc";
    private static final int KEYS = 300;
    private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");

    @TempDir
    static Path tempDir;

    private static FaultedStores stores;

    @RegisterExtension
    final LogCapture jobStates = JobRestarts.capture();

    @BeforeAll
    static void start() throws Exception {
        stores = FaultedStores.start(tempDir);
    }

    @AfterAll
    static void stop() {
        if (stores != null) {
            stores.close();
        }
    }

    @ParameterizedTest
    @EnumSource(StoreFault.class)
    void everyChangeIsCommittedToBothStoresWithOneFinalEventThroughTheFault(StoreFault fault, @TempDir Path dir) throws Exception {
        String name = "dw_" + fault.name().toLowerCase();
        List<String> args = new ArrayList<>(stores.jobArgs(name, TABLE, name));
        args.addAll(List.of("--dim", String.valueOf(DIM), "--checkpoint-dir", dir.resolve("cp").toString(),
                "--checkpoint-interval", "1s", "--dead-letter", dir.resolve("dead.jsonl").toString(),
                "--kafka-bootstrap", stores.kafka.bootstrapServers(), "--input-topic", name + "_in",
                "--events-topic", name, "--topic-partitions", "3"));
        stores.kafka.createTopic(name + "_in", 3);

        Map<String, Integer> sent = new ConcurrentHashMap<>();
        Map<String, Long> lastVersion = new ConcurrentHashMap<>();
        double recoverSeconds;
        try (StreamingTestRun run = DualWriteTestRun.start(args); QdrantConnection qdrant = stores.qdrantConnection();
                ChangeSender sender = new ChangeSender(name + "_in", sent, lastVersion)) {
            Await.until(Duration.ofSeconds(120), "final events before the fault", () -> finals(name).size(), n -> n >= 50);
            int before = sender.acknowledged.get();
            long committedBefore = committed(name);
            fault.inject(stores);
            if (fault == StoreFault.QDRANT_OUTAGE) {
                // the first phase does not wait for the second: SurrealDB took changes while Qdrant was down
                assertThat(committed(name)).as("records in SurrealDB after the outage").isGreaterThan(committedBefore);
                assertThat(EventTally.read(stores.kafka.bootstrapServers(), name)).as("RETRYING events during the outage")
                        .anyMatch(e -> e.type() == SyncEvent.Type.RETRYING);
            }
            long faultEnded = System.nanoTime();
            int atEnd = sender.acknowledged.get();
            Await.until(Duration.ofSeconds(120), "changes after the fault", sender.acknowledged::get, n -> n >= atEnd + 100);
            sender.close();
            System.out.printf("%s: %d changes before the fault, %d in all%n", fault.label(), before, sent.size());
            Await.until(Duration.ofSeconds(240), "a final event per change", () -> finals(name).size(), n -> n >= sent.size());
            run.awaitStoresEqual(() -> stores.surrealClient(name), qdrant, TABLE, DIM, 120);
            recoverSeconds = (System.nanoTime() - faultEnded) / 1e9;
            assertThat(run.stop().stopped()).as(run.printed()).isTrue();
        }

        List<SyncEvent> finals = finals(name);
        EventTally events = EventTally.of(sent, finals, SyncEvent::requestId);
        Map<String, String> surreal;
        Map<String, String> points;
        Map<String, Long> versions = new HashMap<>();
        try (SurrealClient client = stores.surrealClient(name); QdrantConnection qdrant = stores.qdrantConnection()) {
            surreal = StoreStates.surreal(client, TABLE, "vector", DIM);
            points = StoreStates.qdrant(qdrant, name);
            for (StatementResult result : client.query("SELECT id, version FROM type::table($table)", Map.of("table", TABLE))) {
                for (Map<String, Object> row : result.records()) {
                    versions.put(row.get("id").toString(), ((Number) row.get("version")).longValue());
                }
            }
        }
        long atLastVersion = lastVersion.entrySet().stream()
                .filter(e -> e.getValue().equals(versions.get(e.getKey()))).count();
        long[] compared = FaultRow.compare(surreal, points);
        FaultRow row = new FaultRow("dual-write", fault.label(), JobRestarts.outcome(jobStates), lastVersion.size(), atLastVersion, compared[0],
                compared[1], compared[2], events.lost(), events.duplicated(), recoverSeconds);
        System.out.println(row.line());
        System.out.println("final events by type: " + finals.stream().collect(Collectors.groupingBy(SyncEvent::type, Collectors.counting())));
        assertThat(row.nothingLost()).as(row.line()).isTrue();
        assertThat(finals).as("final events").allMatch(e -> e.type() == SyncEvent.Type.SYNCED);
    }

    /** The sum of the versions SurrealDB holds: it grows with every change committed there. */
    private static long committed(String ns) {
        try (SurrealClient client = stores.surrealClient(ns)) {
            long sum = 0;
            for (StatementResult result : client.query("SELECT version FROM type::table($table)", Map.of("table", TABLE))) {
                for (Map<String, Object> row : result.records()) {
                    sum += ((Number) row.get("version")).longValue();
                }
            }
            return sum;
        }
    }

    private static List<SyncEvent> finals(String topic) {
        return EventTally.read(stores.kafka.bootstrapServers(), topic).stream()
                .filter(e -> e.type() != SyncEvent.Type.RETRYING).collect(Collectors.toList());
    }

    /** Sends upserts over {@link #KEYS} keys, each key's versions in order, about 40 a second; counts what the broker acknowledged. */
    private static final class ChangeSender implements AutoCloseable {
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicInteger acknowledged = new AtomicInteger();
        private final AtomicReference<Exception> failure = new AtomicReference<>();
        private final KafkaProducer<String, String> producer;
        private final Thread thread;

        ChangeSender(String topic, Map<String, Integer> sent, Map<String, Long> lastVersion) {
            Properties props = new Properties();
            props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stores.kafka.bootstrapServers());
            props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
            producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
            thread = new Thread(() -> {
                for (int i = 0; running.get(); i++) {
                    String key = "k" + (i % KEYS);
                    long version = i / KEYS + 1;
                    EntityChange change = EntityChange.upsert(UUID.randomUUID().toString(), entity(key, version, i), T0);
                    producer.send(new ProducerRecord<>(topic, change.recordId().canonical(), SchemaJson.ENTITY_CHANGE.writeString(change)),
                            (metadata, error) -> {
                                if (error != null) {
                                    failure.set(error);
                                } else {
                                    sent.put(change.requestId(), 1);
                                    lastVersion.merge(change.recordId().canonical(), version, Math::max);
                                    acknowledged.incrementAndGet();
                                }
                            });
                    try {
                        Thread.sleep(25);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "change-sender-" + topic);
            thread.start();
        }

        private static SyncEntity entity(String key, long version, int seed) {
            SplittableRandom random = new SplittableRandom(seed);
            float[] vector = new float[DIM];
            for (int d = 0; d < DIM; d++) {
                vector[d] = (float) (random.nextDouble() * 2 - 1);
            }
            return SyncEntity.builder().id(RecordId.of(TABLE, key)).vector(vector)
                    .metadata(Map.of("title", "entity " + key, "seed", (long) seed))
                    .timestamp(T0.plusMillis(seed)).workspaceId("ws-1").version(version).build();
        }

        @Override
        public void close() throws InterruptedException {
            if (running.getAndSet(false)) {
                thread.join(30_000);
                producer.flush();
                producer.close(Duration.ofSeconds(30));
                if (failure.get() != null) {
                    throw new AssertionError("a change could not be sent", failure.get());
                }
            }
        }
    }
}
