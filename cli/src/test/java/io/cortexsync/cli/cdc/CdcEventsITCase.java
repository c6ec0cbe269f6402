package io.cortexsync.cli.cdc;

import io.cortexsync.cli.migrate.MigrationTestStores;
import io.cortexsync.cli.run.StreamingTestRun;
import io.cortexsync.connector.qdrant.client.QdrantConnection;
import io.cortexsync.connector.surrealdb.client.Statement;
import io.cortexsync.connector.surrealdb.client.SurrealClient;
import io.cortexsync.connector.surrealdb.client.SurrealConnectionConfig;
import io.cortexsync.connector.surrealdb.client.SurrealRecordId;
import io.cortexsync.schema.json.SchemaJson;
import io.cortexsync.schema.model.DeadLetter;
import io.cortexsync.schema.model.SyncEvent;
import io.cortexsync.testkit.kafka.EmbeddedKafka;
import io.cortexsync.testkit.kafka.TopicReader;
import io.cortexsync.testkit.surrealdb.EmbeddedSurrealDb;

import io.grpc.Status;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sync events on a real Kafka broker, exactly once as a read_committed consumer sees them: one
 * event per change, snapshot reads included, keyed by record id, with unique request ids; a job
 * that fails over after Qdrant confirmed writes whose events were not yet committed repeats none
 * of them; nor does a SurrealDB engine restart mid-stream. Dead letters reach their topic as well
 * as the file, or the topic alone.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class CdcEventsITCase {

    static final int DIM = 8;
    static final String NS = "cdc_events";
    static final String TABLE = "docs";
    static final int RECORDS = 400;

    private static MigrationTestStores stores;
    private static EmbeddedKafka kafka;

    @BeforeAll
    static void start() {
        stores = MigrationTestStores.start("cdc-events");
        kafka = EmbeddedKafka.builder().build();
        kafka.start();
    }

    @AfterAll
    static void stop() {
        if (kafka != null) {
            kafka.close();
        }
        if (stores != null) {
            stores.close();
        }
    }

    @Test
    void everyChangeHasExactlyOneEventThroughAFailover(@TempDir Path dir) throws Exception {
        try (SurrealClient client = stores.surrealClient(NS)) {
            client.queryBatch(List.of(Statement.of("DEFINE TABLE " + TABLE + " CHANGEFEED 1h")));
        }
        stores.load(NS, TABLE, RECORDS, DIM, false);
        List<String> args = new ArrayList<>(stores.args(NS, "cdc_events", TABLE));
        args.addAll(List.of("--checkpoint-dir", dir.resolve("cp").toString(), "--checkpoint-interval", "3s",
                "--dead-letter", dir.resolve("dead.jsonl").toString(), "--poll-interval", "100ms",
                "--kafka-bootstrap", kafka.bootstrapServers(), "--events-topic", "sync-events",
                "--dead-letter-topic", "sync-dead-letters", "--topic-partitions", "3"));
        // changes per record after the snapshot: each record's events are its snapshot read plus these
        Map<String, Integer> laterChanges = new TreeMap<>();
        try (StreamingTestRun run = CdcTestRun.start(args); QdrantConnection qdrant = stores.qdrantConnection()) {
            run.awaitStoresEqual(() -> stores.surrealClient(NS), qdrant, TABLE, DIM, 120);
            assertThat(run.printed()).contains("created Kafka topics").contains("sync-events");

            writeRound(0, 0, 30, laterChanges);
            run.awaitStoresEqual(() -> stores.surrealClient(NS), qdrant, TABLE, DIM, 120);
            // round 1 in two halves: the first confirmed by Qdrant and its events emitted into a
            // transaction that the next checkpoint (3 s apart) has most likely not committed yet;
            // then Qdrant refuses a write for good and the task fails over
            writeRound(1, 0, 15, laterChanges);
            run.awaitStoresEqual(() -> stores.surrealClient(NS), qdrant, TABLE, DIM, 120);
            stores.qdrant.faults().failNext(1, Status.Code.PERMISSION_DENIED, "Upsert");
            writeRound(1, 15, 30, laterChanges);
            run.awaitStoresEqual(() -> stores.surrealClient(NS), qdrant, TABLE, DIM, 180);
            try (SurrealClient client = stores.surrealClient(NS)) {
                Map<String, Object> bad = MigrationTestStores.content(1, DIM);
                bad.put("vector", "not a vector");
                client.upsert(SurrealRecordId.of(TABLE, "bad-text"), bad);
                laterChanges.merge(TABLE + ":⟨bad-text⟩", 1, Integer::sum);
            }
            // the job has read it once its dead letter is on the topic, if not yet committed
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (TopicReader.readAll(kafka.bootstrapServers(), "sync-dead-letters", "read_uncommitted", Duration.ofSeconds(30)).isEmpty()) {
                assertThat(System.nanoTime()).as("the bad record's dead letter within 60 s:%n%s", run.printed()).isLessThan(deadline);
                Thread.sleep(200);
            }
            assertThat(run.stop().stopped()).as(run.printed()).isTrue();
        } finally {
            stores.qdrant.faults().reset();
        }

        List<SyncEvent> events = read("sync-events", "read_committed");
        int uncommitted = read("sync-events", "read_uncommitted").size();
        System.out.printf("events: read_committed %d, read_uncommitted %d%n", events.size(), uncommitted);
        Map<String, Long> repeats = events.stream().collect(Collectors.groupingBy(SyncEvent::requestId, Collectors.counting()))
                .entrySet().stream().filter(e -> e.getValue() > 1)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertThat(repeats).as("request ids seen more than once").isEmpty();

        Map<String, Integer> expected = new TreeMap<>();
        for (int i = 0; i < RECORDS; i++) {
            expected.put(SurrealRecordId.of(TABLE, MigrationTestStores.key(i)).toString(), 1);
        }
        laterChanges.forEach((id, n) -> expected.merge(id, n, Integer::sum));
        Map<String, Integer> actual = new TreeMap<>();
        events.forEach(e -> actual.merge(e.entityId(), 1, Integer::sum));
        assertThat(actual).as("events per record (snapshot read + changes); %d events, %d uncommitted", events.size(), uncommitted)
                .containsExactlyInAnyOrderEntriesOf(expected);
        assertThat(events).filteredOn(e -> e.type() == SyncEvent.Type.DEAD_LETTER).extracting(SyncEvent::entityId)
                .containsExactly(TABLE + ":⟨bad-text⟩");
        assertThat(events).filteredOn(e -> e.type() == SyncEvent.Type.SYNCED).allSatisfy(e -> {
            assertThat(e.latencyMs()).isBetween(0L, 120_000L);
            assertThat(e.detail()).isIn("upserted", "deleted");
        });

        List<ConsumerRecord<byte[], byte[]>> deadLetters = TopicReader.readAll(kafka.bootstrapServers(), "sync-dead-letters",
                "read_committed", Duration.ofSeconds(60));
        assertThat(deadLetters).hasSize(1);
        DeadLetter letter = SchemaJson.DEAD_LETTER.read(new String(deadLetters.get(0).value(), StandardCharsets.UTF_8));
        assertThat(letter.recordId()).isEqualTo(TABLE + ":⟨bad-text⟩");
        assertThat(new String(deadLetters.get(0).key(), StandardCharsets.UTF_8)).isEqualTo(letter.recordId());
    }

    @Test
    void anEngineRestartMidStreamKeepsEveryEventExactlyOnce(@TempDir Path dir) throws Exception {
        String ns = "cdc_restart";
        Map<String, Integer> expected = new TreeMap<>();
        try (EmbeddedSurrealDb engine = EmbeddedSurrealDb.builder()
                .dataDir(Files.createDirectories(dir.resolve("surrealkv")))
                .logFile(Paths.get("target", "surrealdb-cdc-restart.log").toAbsolutePath())
                .build()
                .start()) {
            SurrealConnectionConfig connection = SurrealConnectionConfig.builder().url(engine.baseUrl())
                    .namespace(ns).database("main").basicAuth(engine.user().orElseThrow(), engine.password().orElseThrow()).build();
            try (SurrealClient client = SurrealClient.create(connection)) {
                client.queryBatch(List.of(Statement.of("DEFINE TABLE " + TABLE + " CHANGEFEED 1h")));
                for (int i = 0; i < 300; i++) {
                    SurrealRecordId id = SurrealRecordId.of(TABLE, MigrationTestStores.key(i));
                    client.upsert(id, MigrationTestStores.content(i, DIM));
                    expected.merge(id.toString(), 1, Integer::sum);
                }
            }
            List<String> args = new ArrayList<>(stores.args(ns, "cdc_restart", TABLE));
            args.set(args.indexOf("--surreal-url") + 1, engine.baseUrl());
            args.set(args.indexOf("--surreal-user") + 1, engine.user().orElseThrow());
            args.set(args.indexOf("--surreal-pass") + 1, engine.password().orElseThrow());
            args.addAll(List.of("--checkpoint-dir", dir.resolve("cp").toString(), "--checkpoint-interval", "1s",
                    "--dead-letter", dir.resolve("dead.jsonl").toString(), "--no-dead-letter-file", "--poll-interval", "100ms",
                    "--kafka-bootstrap", kafka.bootstrapServers(), "--events-topic", "restart-events",
                    "--dead-letter-topic", "restart-dead-letters"));
            try (StreamingTestRun run = CdcTestRun.start(args); QdrantConnection qdrant = stores.qdrantConnection()) {
                run.awaitStoresEqual(() -> SurrealClient.create(connection), qdrant, TABLE, DIM, 120);
                try (SurrealClient client = SurrealClient.create(connection)) {
                    restartRound(client, 0, expected);
                }
                engine.restart();
                try (SurrealClient client = SurrealClient.create(connection)) {
                    restartRound(client, 1, expected);
                    Map<String, Object> bad = MigrationTestStores.content(1, DIM);
                    bad.put("vector", "not a vector");
                    SurrealRecordId badId = SurrealRecordId.of(TABLE, "bad-after-restart");
                    client.upsert(badId, bad);
                    expected.merge(badId.toString(), 1, Integer::sum);
                }
                run.awaitStoresEqual(() -> SurrealClient.create(connection), qdrant, TABLE, DIM, 180);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (TopicReader.readAll(kafka.bootstrapServers(), "restart-dead-letters", "read_uncommitted", Duration.ofSeconds(30)).isEmpty()) {
                    assertThat(System.nanoTime()).as("the bad record's dead letter within 60 s:%n%s", run.printed()).isLessThan(deadline);
                    Thread.sleep(200);
                }
                assertThat(run.stop().stopped()).as(run.printed()).isTrue();
            }
        }
        List<SyncEvent> events = read("restart-events", "read_committed");
        Map<String, Integer> actual = new TreeMap<>();
        events.forEach(e -> actual.merge(e.entityId(), 1, Integer::sum));
        System.out.printf("engine restart: %d events read_committed, %d expected%n", events.size(),
                expected.values().stream().mapToInt(Integer::intValue).sum());
        assertThat(events.stream().map(SyncEvent::requestId).distinct().count()).as("distinct request ids").isEqualTo(events.size());
        assertThat(actual).as("events per record (snapshot read + changes)").containsExactlyInAnyOrderEntriesOf(expected);
        assertThat(TopicReader.readAll(kafka.bootstrapServers(), "restart-dead-letters", "read_committed", Duration.ofSeconds(60)))
                .extracting(r -> new String(r.key(), StandardCharsets.UTF_8)).containsExactly(TABLE + ":⟨bad-after-restart⟩");
        assertThat(dir.resolve("dead.jsonl")).as("--no-dead-letter-file writes no file").doesNotExist();
    }

    /** Creates, updates and deletes of distinct records, different in each round, counted per record. */
    private static void restartRound(SurrealClient client, int round, Map<String, Integer> changes) {
        for (int i = 0; i < 40; i++) {
            SurrealRecordId created = SurrealRecordId.of(TABLE, "round-" + round + "-" + i);
            client.upsert(created, MigrationTestStores.content(500 + i, DIM));
            changes.merge(created.toString(), 1, Integer::sum);
            SurrealRecordId updated = SurrealRecordId.of(TABLE, MigrationTestStores.key(round * 100 + i));
            Map<String, Object> content = MigrationTestStores.content(700 + round * 100 + i, DIM);
            content.put("title", "round " + round);
            client.upsert(updated, content);
            changes.merge(updated.toString(), 1, Integer::sum);
            SurrealRecordId deleted = SurrealRecordId.of(TABLE, MigrationTestStores.key(200 + round * 50 + i));
            client.delete(deleted);
            changes.merge(deleted.toString(), 1, Integer::sum);
        }
    }

    /** Creates, updates and (for i below 10) deletes, one of each per i, each of another record, counted per record. */
    private static void writeRound(int round, int from, int to, Map<String, Integer> changes) {
        try (SurrealClient client = stores.surrealClient(NS)) {
            for (int i = from; i < to; i++) {
                SurrealRecordId created = SurrealRecordId.of(TABLE, "r" + round + "-" + i);
                client.upsert(created, MigrationTestStores.content(1000 + round * 100 + i, DIM));
                changes.merge(created.toString(), 1, Integer::sum);
                SurrealRecordId updated = SurrealRecordId.of(TABLE, MigrationTestStores.key(round * 100 + i));
                client.upsert(updated, MigrationTestStores.content(2000 + round * 100 + i, DIM));
                changes.merge(updated.toString(), 1, Integer::sum);
                if (i < 10) {
                    SurrealRecordId deleted = SurrealRecordId.of(TABLE, MigrationTestStores.key(300 + round * 20 + i));
                    client.delete(deleted);
                    changes.merge(deleted.toString(), 1, Integer::sum);
                }
            }
        }
    }

    private static List<SyncEvent> read(String topic, String isolation) {
        List<SyncEvent> events = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : TopicReader.readAll(kafka.bootstrapServers(), topic, isolation, Duration.ofSeconds(60))) {
            SyncEvent event = SchemaJson.SYNC_EVENT.read(new String(record.value(), StandardCharsets.UTF_8));
            assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo(event.entityId());
            events.add(event);
        }
        return events;
    }
}
