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
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code cdc} and bad input, on the real engine: bad records written while it runs end in the
 * dead-letter file with their reasons, and Qdrant holds exactly SurrealDB's good records. The
 * stores' faults (engine restart, Qdrant outage and latency, connection cuts, broker restart) are
 * the fault matrix's rows, in {@code chaos/CdcStoreFaultsITCase}.
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
