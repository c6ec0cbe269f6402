package io.cortexsync.cli.cdc;

import io.cortexsync.cli.migrate.MigrationTestStores;
import io.cortexsync.cli.run.StreamingTestRun;
import io.cortexsync.connector.qdrant.client.QdrantConnection;
import io.cortexsync.connector.surrealdb.client.Statement;
import io.cortexsync.connector.surrealdb.client.SurrealClient;
import io.cortexsync.connector.surrealdb.client.SurrealRecordId;
import io.cortexsync.schema.json.SchemaJson;
import io.cortexsync.schema.model.DeadLetter;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code cdc} through faults, on the real engine: Qdrant unavailable for 30 s under a steady write
 * load, and bad records written while it runs. Each ends with Qdrant holding exactly SurrealDB's
 * records. (An engine restart mid-stream is in {@link CdcEventsITCase}, which checks its events too.)
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class CdcFaultsITCase {

    static final int DIM = 8;
    static final String TABLE = "docs";

    private static MigrationTestStores stores;

    @BeforeAll
    static void start() {
        stores = MigrationTestStores.start("cdc-faults");
    }

    @AfterAll
    static void stop() {
        if (stores != null) {
            stores.close();
        }
    }

    private static List<String> args(MigrationTestStores at, String ns, String collection, Path dir) {
        List<String> args = new ArrayList<>(at.args(ns, collection, TABLE));
        args.addAll(List.of("--checkpoint-dir", dir.resolve("cp").toString(), "--checkpoint-interval", "1s",
                "--dead-letter", dir.resolve("dead.jsonl").toString(), "--poll-interval", "100ms"));
        return args;
    }

    private static void defineTable(SurrealClient client) {
        client.queryBatch(List.of(Statement.of("DEFINE TABLE " + TABLE + " CHANGEFEED 1h")));
    }

    @Test
    void qdrantUnavailableFor30sUnderSteadyLoadHoldsThenCatchesUp(@TempDir Path dir) throws Exception {
        String ns = "cdc_outage";
        try (SurrealClient client = stores.surrealClient(ns)) {
            defineTable(client);
        }
        stores.load(ns, TABLE, 300, DIM, false);
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger committed = new AtomicInteger();
        try (StreamingTestRun run = CdcTestRun.start(args(stores, ns, "cdc_outage", dir)); QdrantConnection qdrant = stores.qdrantConnection()) {
            run.awaitStoresEqual(() -> stores.surrealClient(ns), qdrant, TABLE, DIM, 120);
            Thread writer = new Thread(() -> {
                try (SurrealClient client = stores.surrealClient(ns)) {
                    for (int i = 0; writing.get(); i++) {
                        client.upsert(SurrealRecordId.of(TABLE, "load-" + (i % 400)), MigrationTestStores.content(1000 + i, DIM));
                        if (i % 7 == 0) {
                            client.delete(SurrealRecordId.of(TABLE, MigrationTestStores.key(i % 300)));
                        }
                        committed.incrementAndGet();
                        Thread.sleep(20);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            writer.start();
            Thread.sleep(2000);
            stores.qdrant.faults().goUnavailable();
            long outageStart = System.nanoTime();
            Thread.sleep(30_000);
            stores.qdrant.faults().resume();
            long outageMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - outageStart);
            Thread.sleep(3000);
            writing.set(false);
            writer.join(10_000);
            run.awaitStoresEqual(() -> stores.surrealClient(ns), qdrant, TABLE, DIM, 180);
            System.out.printf("qdrant outage of %d ms under load: %d changes committed, Qdrant caught up%n", outageMs, committed.get());
            assertThat(run.stop().stopped()).as(run.printed()).isTrue();
        } finally {
            writing.set(false);
            stores.qdrant.faults().reset();
        }
    }

    @Test
    void badRecordsWrittenWhileItRunsAreDeadLetteredWithReasonsAndTheRestSynced(@TempDir Path dir) throws Exception {
        String ns = "cdc_bad";
        try (SurrealClient client = stores.surrealClient(ns)) {
            defineTable(client);
        }
        stores.load(ns, TABLE, 200, DIM, false);
        Map<String, Object> bad = Map.of(
                "bad-missing", "no vector",
                "bad-short", new float[] {1f, 2f, 3f},
                "bad-text", "not a vector",
                "bad-scalar", 42L,
                "bad-nan", nanVector());
        try (StreamingTestRun run = CdcTestRun.start(args(stores, ns, "cdc_bad", dir)); QdrantConnection qdrant = stores.qdrantConnection()) {
            run.awaitStoresEqual(() -> stores.surrealClient(ns), qdrant, TABLE, DIM, 120);
            try (SurrealClient client = stores.surrealClient(ns)) {
                for (Map.Entry<String, Object> record : bad.entrySet()) {
                    Map<String, Object> content = MigrationTestStores.content(7, DIM);
                    if (record.getKey().equals("bad-missing")) {
                        content.remove("vector");
                    } else {
                        content.put("vector", record.getValue());
                    }
                    client.upsert(SurrealRecordId.of(TABLE, record.getKey()), content);
                    client.upsert(SurrealRecordId.of(TABLE, "good-after-" + record.getKey()), MigrationTestStores.content(8, DIM));
                }
            }
            run.awaitStoresEqual(() -> stores.surrealClient(ns), qdrant, TABLE, DIM, 120);
            assertThat(run.stop().stopped()).as(run.printed()).isTrue();
        }
        List<DeadLetter> letters = Files.readAllLines(dir.resolve("dead.jsonl")).stream()
                .filter(l -> !l.isBlank()).map(SchemaJson.DEAD_LETTER::read).collect(Collectors.toList());
        Map<String, String> reasons = letters.stream().collect(Collectors.toMap(DeadLetter::recordId, DeadLetter::reason));
        assertThat(reasons).as("dead letters %s", letters).containsOnlyKeys(
                "docs:⟨bad-missing⟩", "docs:⟨bad-short⟩", "docs:⟨bad-text⟩", "docs:⟨bad-scalar⟩", "docs:⟨bad-nan⟩");
        assertThat(reasons.get("docs:⟨bad-missing⟩")).contains("'vector' is missing");
        assertThat(reasons.get("docs:⟨bad-short⟩")).contains("dimension 3, expected 8");
        assertThat(reasons.get("docs:⟨bad-text⟩")).contains("is a String, not an array");
        assertThat(reasons.get("docs:⟨bad-scalar⟩")).contains("is a Long, not an array");
        assertThat(reasons.get("docs:⟨bad-nan⟩")).contains("element 2 is NaN");
        assertThat(letters).allSatisfy(l -> assertThat(l.raw()).isNotBlank());
    }

    private static float[] nanVector() {
        float[] v = new float[DIM];
        v[2] = Float.NaN;
        return v;
    }
}
