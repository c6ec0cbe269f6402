package io.cortexsync.cli.dualwrite;

import io.cortexsync.cli.run.StoreStates;
import io.cortexsync.cli.run.StreamingTestRun;
import io.cortexsync.connector.dualwrite.commit.DualWriteCommitter;
import io.cortexsync.connector.qdrant.client.QdrantConnection;
import io.cortexsync.connector.surrealdb.client.SurrealClient;
import io.cortexsync.connector.surrealdb.client.SurrealConnectionConfig;
import io.cortexsync.connector.surrealdb.client.SurrealRecordId;
import io.cortexsync.schema.ids.PointIds;
import io.cortexsync.schema.ids.RecordId;
import io.cortexsync.schema.json.SchemaJson;
import io.cortexsync.schema.model.EntityChange;
import io.cortexsync.schema.model.SyncEvent;
import io.cortexsync.testkit.logging.LogCapture;
import io.cortexsync.testkit.surrealdb.EmbeddedSurrealDb;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.flink.runtime.taskmanager.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static io.cortexsync.cli.dualwrite.DualWriteEndToEndITCase.DIM;
import static io.cortexsync.cli.dualwrite.DualWriteEndToEndITCase.T0;
import static io.cortexsync.cli.dualwrite.DualWriteEndToEndITCase.TABLE;
import static io.cortexsync.cli.dualwrite.DualWriteEndToEndITCase.entity;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code dual-write} through faults, on the real engine, the Qdrant server and Kafka: Qdrant
 * refusing one record's points (that record compensated in SurrealDB, the
 * rest synced); SurrealDB down for 40 s with a commit timeout of 2 s, ten times what Flink's ten
 * quick retries of a commit would last (the committer hands the commits to the Qdrant stage, which
 * retries SurrealDB on a timer with RETRYING events; the job never fails). Each ends with one final
 * event per change and both stores equal. Qdrant unavailable under a steady load (SurrealDB goes
 * on, RETRYING events, then catch-up) is the fault matrix's row, in {@code chaos/DualWriteStoreFaultsITCase}.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class DualWriteFaultsITCase {

    @RegisterExtension
    final LogCapture committerLog = LogCapture.of(DualWriteCommitter.class);

    /** Where a task's failure is logged (WARN), with its cause. */
    @RegisterExtension
    final LogCapture taskLog = LogCapture.of(Task.class);

    @RegisterExtension
    static final DualWriteTestSupport support = new DualWriteTestSupport("dual-write-faults");

    /** How long SurrealDB is down in the outage test: about twice the span of Flink's ten quick commit retries. */
    private static final Duration OUTAGE = Duration.ofSeconds(22);

    private static KafkaProducer<String, String> producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, support.kafka().bootstrapServers());
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    private static void send(KafkaProducer<String, String> producer, String topic, EntityChange change) {
        producer.send(new ProducerRecord<>(topic, change.recordId().canonical(), SchemaJson.ENTITY_CHANGE.writeString(change)));
    }

    private static EntityChange upsert(String key, long version, int seed) {
        return EntityChange.upsert(UUID.randomUUID().toString(), entity(key, version, seed), T0);
    }

    private static Map<String, Long> countByType(List<SyncEvent> events) {
        return events.stream().collect(Collectors.groupingBy(e -> e.type().name(), Collectors.counting()));
    }

    @Test
    void aRecordQdrantRefusesIsCompensatedInSurrealDbAndTheRestSynced(@TempDir Path dir) throws Exception {
        String ns = "dw_refused";
        List<String> args = support.args(ns, "dw_refused", dir, "refused-input", "refused-events");
        try (StreamingTestRun run = DualWriteTestRun.start(args); QdrantConnection qdrant = support.stores().qdrantConnection();
                KafkaProducer<String, String> producer = producer()) {
            send(producer, "refused-input", upsert("x", 1, 1));
            producer.flush();
            support.awaitFinalEvents("refused-events", 1, run, 120);
            support.stores().qdrant.faults().refusePoints(List.of(
                    PointIds.pointId(RecordId.of(TABLE, "x")), PointIds.pointId(RecordId.of(TABLE, "y"))));
            EntityChange updateX = upsert("x", 2, 2);
            EntityChange createY = upsert("y", 1, 3);
            List<EntityChange> others = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                others.add(upsert("ok" + i, 1, 10 + i));
            }
            send(producer, "refused-input", updateX);
            send(producer, "refused-input", createY);
            others.forEach(c -> send(producer, "refused-input", c));
            producer.flush();

            List<SyncEvent> finals = support.awaitFinalEvents("refused-events", 1 + 2 + others.size(), run, 120);
            Map<String, SyncEvent> byRequest = finals.stream().collect(Collectors.toMap(SyncEvent::requestId, e -> e));
            assertThat(byRequest.get(updateX.requestId()).type()).isEqualTo(SyncEvent.Type.COMPENSATED);
            assertThat(byRequest.get(updateX.requestId()).detail()).contains("Qdrant refused the point").contains("SurrealDB restored");
            assertThat(byRequest.get(createY.requestId()).type()).isEqualTo(SyncEvent.Type.COMPENSATED);
            assertThat(others).allMatch(c -> byRequest.get(c.requestId()).type() == SyncEvent.Type.SYNCED);
            try (SurrealClient client = support.stores().surrealClient(ns)) {
                assertThat(client.select(SurrealRecordId.of(TABLE, "x")).orElseThrow().get("seed")).isEqualTo(1L);
                assertThat(client.select(SurrealRecordId.of(TABLE, "y"))).isEmpty();
            }
            run.awaitStoresEqual(() -> support.stores().surrealClient(ns), qdrant, TABLE, DIM, 60);
            assertThat(run.stop().stopped()).as(run.printed()).isTrue();
        } finally {
            support.stores().qdrant.faults().reset();
        }
    }

    @Test
    void surrealDbDownLongerThanFlinksQuickRetriesIsRetriedWithRetryingEventsAndLosesNothing(@TempDir Path dir) throws Exception {
        String ns = "dw_surreal_down";
        try (EmbeddedSurrealDb engine = EmbeddedSurrealDb.builder()
                .dataDir(Files.createDirectories(dir.resolve("surrealkv")))
                .logFile(Paths.get("target", "surrealdb-dual-write-down.log").toAbsolutePath())
                .build()
                .start()) {
            SurrealConnectionConfig connection = SurrealConnectionConfig.builder().url(engine.baseUrl())
                    .namespace(ns).database("main").basicAuth(engine.user().orElseThrow(), engine.password().orElseThrow()).build();
            List<String> args = support.args(ns, "dw_surreal_down", dir, "down-input", "down-events");
            args.set(args.indexOf("--surreal-url") + 1, engine.baseUrl());
            args.set(args.indexOf("--surreal-user") + 1, engine.user().orElseThrow());
            args.set(args.indexOf("--surreal-pass") + 1, engine.password().orElseThrow());
            // the committer gives up after 1 s: had it asked Flink to retry, ten quick retries would be spent in about 11 s
            args.addAll(List.of("--dual-write-property", "commit-timeout=1s"));
            List<EntityChange> changes = new ArrayList<>();
            try (StreamingTestRun run = DualWriteTestRun.start(args); QdrantConnection qdrant = support.stores().qdrantConnection();
                    KafkaProducer<String, String> producer = producer()) {
                for (int i = 0; i < 50; i++) {
                    changes.add(upsert("s" + i, 1, i));
                }
                changes.forEach(c -> send(producer, "down-input", c));
                producer.flush();
                support.awaitFinalEvents("down-events", changes.size(), run, 120);

                engine.stop();
                for (int i = 0; i < 50; i++) {
                    EntityChange change = upsert("s" + i, 2, 100 + i);
                    changes.add(change);
                    send(producer, "down-input", change);
                }
                producer.flush();
                // longer than a commit's own retries and Flink's ten quick ones after it
                Thread.sleep(OUTAGE.toMillis());
                engine.startAgain();

                List<SyncEvent> finals = support.awaitFinalEvents("down-events", changes.size(), run, 300);
                System.out.printf("SurrealDB down %d s: %d final events %s%n", OUTAGE.toSeconds(), finals.size(), countByType(finals));
                assertThat(committerLog.messages()).as("the commit went to the Qdrant stage")
                        .anyMatch(m -> m.contains("go to the Qdrant stage"));
                assertThat(taskLog.events()).as("no task failed").noneMatch(e -> e.getMessage().getFormattedMessage().contains("FAILED"));
                List<SyncEvent> retrying = support.events("down-events").stream()
                        .filter(e -> e.type() == SyncEvent.Type.RETRYING).collect(Collectors.toList());
                System.out.printf("SurrealDB down %d s: %d RETRYING events naming SurrealDB, of %d changes waiting%n",
                        OUTAGE.toSeconds(), retrying.stream().filter(e -> e.detail().startsWith("surrealdb:")).count(), 50);
                assertThat(retrying).as("RETRYING events while SurrealDB was down").isNotEmpty()
                        .anyMatch(e -> e.detail().startsWith("surrealdb:"));
                assertThat(finals.stream().map(SyncEvent::requestId).collect(Collectors.toList()))
                        .containsExactlyInAnyOrderElementsOf(changes.stream().map(EntityChange::requestId).collect(Collectors.toList()));
                assertThat(finals).allMatch(e -> e.type() == SyncEvent.Type.SYNCED);
                run.awaitStoresEqual(() -> SurrealClient.create(connection), qdrant, TABLE, DIM, 120);
                try (SurrealClient client = SurrealClient.create(connection)) {
                    Map<String, String> records = StoreStates.surreal(client, TABLE, "vector", DIM);
                    assertThat(records).hasSize(50);
                    assertThat(client.select(SurrealRecordId.of(TABLE, "s7")).orElseThrow().get("version")).isEqualTo(2L);
                }
                assertThat(run.stop().stopped()).as(run.printed()).isTrue();
            }
        }
    }

    private static long versionOf(String ns, String key) {
        try (SurrealClient client = support.stores().surrealClient(ns)) {
            return (Long) client.select(SurrealRecordId.of(TABLE, key)).orElseThrow().get("version");
        }
    }
}
