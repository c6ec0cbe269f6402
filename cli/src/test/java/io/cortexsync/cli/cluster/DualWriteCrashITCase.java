package io.cortexsync.cli.cluster;

import io.cortexsync.cli.chaos.FaultRow;
import io.cortexsync.cli.run.StoreStates;
import io.cortexsync.connector.dualwrite.commit.CommitFaults;
import io.cortexsync.connector.qdrant.client.QdrantConnection;
import io.cortexsync.connector.qdrant.client.QdrantConnectionConfig;
import io.cortexsync.connector.surrealdb.client.SurrealClient;
import io.cortexsync.connector.surrealdb.client.SurrealConnectionConfig;
import io.cortexsync.schema.ids.RecordId;
import io.cortexsync.schema.json.SchemaJson;
import io.cortexsync.schema.model.EntityChange;
import io.cortexsync.schema.model.SyncEntity;
import io.cortexsync.schema.model.SyncEvent;
import io.cortexsync.testkit.kafka.EmbeddedKafka;
import io.cortexsync.testkit.kafka.TopicReader;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code submit dual-write} on a local session cluster, its TaskManager killed with SIGKILL at each
 * step of a commit: after the pre-commit (the committables in a completed checkpoint, nothing
 * written), after the SurrealDB transaction (Qdrant not written), between Qdrant's upserts and
 * deletes, and after both stores (no event out). The cluster's processes carry the fault hook's
 * directory; the committer pauses at the step asked for, the test kills that process and starts
 * the TaskManager again. After the restart both stores hold exactly the expected records and
 * the events topic holds one final event per change, read_committed.
 */
@Timeout(value = 12, unit = TimeUnit.MINUTES)
class DualWriteCrashITCase {

    private static final Pattern SUBMITTED = Pattern.compile("submitted job ([0-9a-f]{32})");
    private static final int DIM = 8;
    private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");

    @TempDir
    static Path tempDir;

    private static ClusterTestStores stores;
    private static EmbeddedKafka kafka;
    private static LocalCluster cluster;
    private static FlinkRestClient rest;
    private static Path faults;

    @BeforeAll
    static void start() throws Exception {
        stores = ClusterTestStores.start(tempDir);
        kafka = EmbeddedKafka.builder().build();
        kafka.start();
        faults = Files.createDirectories(tempDir.resolve("faults"));
        cluster = LocalCluster.start(LocalCluster.runDirFor(DualWriteCrashITCase.class),
                "heartbeat.interval=1000 heartbeat.timeout=6000",
                Map.of(CommitFaults.DIR_ENV, faults.toString()));
        rest = new FlinkRestClient(cluster.restUri(), Duration.ofSeconds(30));
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
        if (kafka != null) {
            kafka.close();
        }
        if (stores != null) {
            stores.close();
        }
    }

    @ParameterizedTest(name = "killed at {0}")
    @EnumSource(CommitFaults.Step.class)
    void aTaskManagerKilledAtEachStepOfACommitLosesNothingAndRepeatsNoEvent(CommitFaults.Step step) throws Exception {
        String name = step.name().toLowerCase(Locale.ROOT);
        String table = "crash_" + name;
        String input = "crash-input-" + name;
        String events = "crash-events-" + name;
        Files.writeString(faults.resolve("pause-at"), step.name());

        // creates, updates and versioned deletes: every committable holds upserts and deletes
        List<EntityChange> changes = new ArrayList<>();
        Set<String> existing = new TreeSet<>();
        for (int i = 0; i < 100; i++) {
            changes.add(upsert(table, "k" + i, 1L, i));
            existing.add(RecordId.of(table, "k" + i).canonical());
        }
        for (int i = 0; i < 50; i++) {
            changes.add(upsert(table, "k" + i, 2L, 100 + i));
        }
        for (int i = 50; i < 70; i++) {
            changes.add(EntityChange.delete(UUID.randomUUID().toString(), RecordId.of(table, "k" + i), 2L, T0));
            existing.remove(RecordId.of(table, "k" + i).canonical());
        }
        produce(input, changes);

        List<String> args = new ArrayList<>(stores.migrateArgs(table, table));
        args.addAll(List.of("--jobmanager", cluster.restUri().toString(), "--dim", String.valueOf(DIM),
                "--checkpoint-dir", tempDir.resolve("checkpoints-" + name).toString(), "--checkpoint-interval", "2s",
                "--dead-letter", tempDir.resolve("dead-" + name + ".jsonl").toString(), "--parallelism", "2",
                "--kafka-bootstrap", kafka.bootstrapServers(), "--input-topic", input, "--events-topic", events,
                "--topic-partitions", "2"));
        SubmitRun submit = SubmitRun.dualWrite(args);
        assertThat(submit.awaitExit(Duration.ofMinutes(3))).as(submit.output()).isZero();
        Matcher id = SUBMITTED.matcher(submit.output());
        assertThat(id.find()).as(submit.output()).isTrue();
        String jobId = id.group(1);
        try {
            Path reached = faults.resolve("reached-" + name);
            Await.until(Duration.ofMinutes(3), "the committer at " + step, () -> Files.exists(reached) && Files.size(reached) > 0, r -> r);
            long pid = Long.parseLong(Files.readString(reached).trim());
            String victim = cluster.taskManagerWithPid(pid);
            long killedAt = System.nanoTime();
            cluster.killHard(victim);
            System.out.printf("%s: killed %s (pid %d) paused at the step%n", step, victim, pid);
            cluster.restartTaskManager(victim);
            Await.until(Duration.ofMinutes(3), "the job restored from a checkpoint", () -> rest.checkpoints(jobId).restored(),
                    n -> n >= 1);
            double recoverSeconds = (System.nanoTime() - killedAt) / 1e9;

            List<SyncEvent> finals = Await.until(Duration.ofMinutes(4), changes.size() + " final events of " + step,
                    () -> finalEvents(events), e -> e.size() >= changes.size());
            Map<String, Long> perRequest = finals.stream().collect(Collectors.groupingBy(SyncEvent::requestId, Collectors.counting()));
            assertThat(perRequest.values()).as("final events per request after a kill at %s", step).containsOnly(1L);
            assertThat(perRequest.keySet()).containsExactlyInAnyOrderElementsOf(
                    changes.stream().map(EntityChange::requestId).collect(Collectors.toList()));
            assertThat(finals).allMatch(e -> e.type() == SyncEvent.Type.SYNCED);
            assertStoresHold(table, existing);
            System.out.printf("%s: %d final events, one per change; both stores hold the %d expected records%n",
                    step, finals.size(), existing.size());
            printFaultRow(step, table, existing, changes, perRequest, recoverSeconds);
        } finally {
            rest.cancel(jobId);
        }
    }

    /** The fault matrix's row of a kill at {@code step}: both stores against the expected records, final events against changes. */
    private static void printFaultRow(CommitFaults.Step step, String table, Set<String> expected, List<EntityChange> changes,
            Map<String, Long> perRequest, double recoverSeconds) throws Exception {
        Map<String, String> surreal;
        Map<String, String> qdrant;
        try (SurrealClient client = stores.surrealClient(); QdrantConnection connection = stores.qdrantConnection()) {
            surreal = StoreStates.surreal(client, table, "vector", DIM);
            qdrant = StoreStates.qdrant(connection, table);
        }
        long surrealPresent = expected.stream().filter(surreal::containsKey).count();
        long surrealExtra = surreal.keySet().stream().filter(id -> !expected.contains(id)).count();
        long[] points = FaultRow.compare(surreal, qdrant);
        long lost = changes.stream().filter(change -> !perRequest.containsKey(change.requestId())).count();
        long duplicated = perRequest.values().stream().mapToLong(n -> n - 1).sum();
        System.out.println(new FaultRow("dual-write", "taskmanager-kill-9-at-" + step.name().toLowerCase(Locale.ROOT),
                "restarted-from-checkpoint", expected.size(), surrealPresent, points[0], points[1], points[2] + surrealExtra,
                lost, duplicated, recoverSeconds).line());
    }

    private static EntityChange upsert(String table, String key, long version, int seed) {
        float[] vector = new float[DIM];
        for (int d = 0; d < DIM; d++) {
            vector[d] = seed * 0.5f + d;
        }
        SyncEntity entity = SyncEntity.builder().id(RecordId.of(table, key)).vector(vector)
                .metadata(Map.of("seed", (long) seed)).timestamp(T0).workspaceId("ws").version(version).build();
        return EntityChange.upsert(UUID.randomUUID().toString(), entity, T0);
    }

    private static void produce(String topic, List<EntityChange> changes) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            for (EntityChange change : changes) {
                producer.send(new ProducerRecord<>(topic, change.recordId().canonical(), SchemaJson.ENTITY_CHANGE.writeString(change)));
            }
            producer.flush();
        }
    }

    private static List<SyncEvent> finalEvents(String topic) {
        List<SyncEvent> events = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : TopicReader.readAll(kafka.bootstrapServers(), topic, "read_committed", Duration.ofSeconds(30))) {
            SyncEvent event = SchemaJson.SYNC_EVENT.read(new String(record.value(), StandardCharsets.UTF_8));
            if (event.type() != SyncEvent.Type.RETRYING) {
                events.add(event);
            }
        }
        return events;
    }

    private static void assertStoresHold(String table, Set<String> expected) throws Exception {
        try (SurrealClient client = SurrealClient.create(SurrealConnectionConfig.builder().url(stores.surreal.baseUrl())
                .namespace(ClusterTestStores.NAMESPACE).database(ClusterTestStores.DATABASE)
                .basicAuth(stores.surreal.user(), stores.surreal.password()).build());
                QdrantConnection qdrant = QdrantConnection.open(QdrantConnectionConfig.builder()
                        .host(stores.qdrant.host()).port(stores.qdrant.port()).build())) {
            Map<String, String> surreal = new LinkedHashMap<>(StoreStates.surreal(client, table, "vector", DIM));
            assertThat(surreal.keySet()).as("SurrealDB's records of %s", table).containsExactlyInAnyOrderElementsOf(expected);
            Await.until(Duration.ofMinutes(1), "Qdrant equal to SurrealDB", () -> StoreStates.qdrant(qdrant, table), surreal::equals);
        }
    }
}
