package io.cortexsync.cli.cdc;

import io.cortexsync.cli.CortexSyncCli;
import io.cortexsync.cli.migrate.MigrationTestStores;
import io.cortexsync.cli.run.StoreStates;
import io.cortexsync.cli.run.StreamingRun;
import io.cortexsync.cli.run.StreamingTestRun;
import io.cortexsync.connector.qdrant.client.QdrantConnection;
import io.cortexsync.connector.surrealdb.admin.SurrealAdmin;
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

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code cdc} end to end on the real engine: a table with a change feed and records, the job
 * started from a snapshot, and while the snapshot runs a client creates, updates (vector and
 * metadata), deletes, changes one record many times in a row and writes hostile ids. Qdrant must
 * end holding exactly SurrealDB's records (ids and content hashes), and a stop leaves a savepoint.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class CdcEndToEndITCase {

    static final int DIM = 8;
    static final String NS = "cdc_e2e";
    static final String TABLE = "docs";
    static final List<String> HOSTILE_KEYS = List.of("a b", "quote'\"`", "⟩bracket⟨", "semi;colon -- DROP TABLE docs", "日本語-é", "emoji-😀", "");

    private static MigrationTestStores stores;

    @BeforeAll
    static void start() {
        stores = MigrationTestStores.start("cdc-e2e");
    }

    @AfterAll
    static void stop() {
        if (stores != null) {
            stores.close();
        }
    }

    @Test
    void qdrantEndsHoldingExactlySurrealsRecordsWhateverChangedDuringTheSnapshot(@TempDir Path dir) throws Exception {
        try (SurrealClient client = stores.surrealClient(NS)) {
            client.queryBatch(List.of(Statement.of("DEFINE TABLE " + TABLE + " CHANGEFEED 1h")));
        }
        stores.load(NS, TABLE, 3000, DIM, false);
        String collection = "cdc_e2e_docs";
        List<String> args = new ArrayList<>(stores.args(NS, collection, TABLE));
        args.addAll(List.of("--checkpoint-dir", dir.resolve("cp").toString(), "--checkpoint-interval", "1s",
                "--dead-letter", dir.resolve("dead.jsonl").toString(), "--poll-interval", "100ms"));
        try (StreamingTestRun run = CdcTestRun.start(args); QdrantConnection qdrant = stores.qdrantConnection()) {
            int written = writeChangesWhileTheSnapshotRuns();
            run.awaitStoresEqual(() -> stores.surrealClient(NS), qdrant, TABLE, DIM, 120);
            try (SurrealClient client = stores.surrealClient(NS)) {
                // the comparison read every record the engine counts but the one keyed by the empty
                // string, which no point id can name: it is a dead letter (checked below)
                Map<String, String> records = StoreStates.surreal(client, TABLE, "vector", DIM);
                List<String> unread = new ArrayList<>();
                for (Object id : (List<?>) client.query("SELECT VALUE id FROM " + TABLE, Map.of()).get(0).result()) {
                    unread.add(String.valueOf(id));
                }
                unread.removeAll(records.keySet());
                assertThat(unread).as("records after %d changes not in Qdrant", written).containsExactly(TABLE + ":");
                assertThat((long) records.size()).isEqualTo(new SurrealAdmin(client).count(TABLE) - 1);
                assertThat(records).containsKeys("docs:⟨a b⟩", "docs:42", "docs:⟨日本語-é⟩");
                assertThat(records.keySet().stream().filter(id -> id.startsWith("docs:new-") || id.startsWith("docs:⟨new-")))
                        .hasSize(200);
            }

            // every record is in Qdrant, so every chunk was read: a record written now comes through
            // the change stream, which starts after the snapshot's end was counted
            try (SurrealClient client = stores.surrealClient(NS)) {
                client.upsert(SurrealRecordId.of(TABLE, "after_snapshot"), MigrationTestStores.content(30_000, DIM));
            }
            run.awaitStoresEqual(() -> stores.surrealClient(NS), qdrant, TABLE, DIM, 120);

            StreamingRun.Ended end = run.stop();
            assertThat(end.stopped()).as("stopped with a savepoint:%n%s", run.printed()).isTrue();
            Path savepoint = Path.of(URI.create(end.savepoint().orElseThrow()));
            assertThat(savepoint.resolve("_metadata")).exists();
            assertThat(savepoint.toString()).contains(CortexSyncCli.parseCdcOptions(args.toArray(new String[0])).syncId()).contains("savepoints");
            assertThat(run.printed()).contains("stopped at savepoint").contains("--resume");
            // the job counted the snapshot's end: the last progress line shows changes, no snapshot
            String last = run.printed().lines().filter(l -> l.startsWith("stopped at savepoint")).findFirst().orElseThrow();
            assertThat(last).contains("; synced ").doesNotContain("snapshot docs");
        }
        List<String> deadLetters = Files.readAllLines(dir.resolve("dead.jsonl"));
        assertThat(deadLetters).as("dead letters").hasSize(1);
        DeadLetter emptyKey = SchemaJson.DEAD_LETTER.read(deadLetters.get(0));
        assertThat(emptyKey.reason()).as(emptyKey.toString()).contains("record key must not be blank");
    }

    /**
     * Creates 200 records, updates 200 (vector and metadata), deletes 100, changes one 50 times in
     * a row, deletes and re-creates one, and writes records under hostile keys; returns how many
     * statements it committed.
     */
    private static int writeChangesWhileTheSnapshotRuns() {
        int count = 0;
        try (SurrealClient client = stores.surrealClient(NS)) {
            for (int i = 0; i < 200; i++) {
                client.upsert(SurrealRecordId.of(TABLE, "new-" + i), MigrationTestStores.content(10_000 + i, DIM));
                Map<String, Object> updated = MigrationTestStores.content(20_000 + i, DIM);
                updated.put("title", "updated " + i);
                client.upsert(SurrealRecordId.of(TABLE, MigrationTestStores.key(i * 7)), updated);
                count += 2;
                if (i < 100) {
                    client.delete(SurrealRecordId.of(TABLE, MigrationTestStores.key(2000 + i)));
                    count++;
                }
            }
            SurrealRecordId hot = SurrealRecordId.of(TABLE, MigrationTestStores.key(1500));
            for (int n = 0; n < 50; n++) {
                Map<String, Object> version = MigrationTestStores.content(30_000 + n, DIM);
                version.put("title", "hot version " + n);
                client.upsert(hot, version);
                count++;
            }
            SurrealRecordId recreated = SurrealRecordId.of(TABLE, MigrationTestStores.key(5));
            client.delete(recreated);
            client.upsert(recreated, MigrationTestStores.content(40_000, DIM));
            count += 2;
            for (String key : HOSTILE_KEYS) {
                client.upsert(SurrealRecordId.of(TABLE, key), MigrationTestStores.content(50_000 + count, DIM));
                count++;
            }
            client.upsert(SurrealRecordId.of(TABLE, 42L), MigrationTestStores.content(60_000, DIM));
            count++;
        }
        return count;
    }
}
