package io.cortexsync.cli.migrate;

import io.cortexsync.cli.preflight.SyncPreflight;
import io.cortexsync.cli.preflight.PreflightResult;
import io.cortexsync.connector.qdrant.client.QdrantConnection;
import io.cortexsync.connector.surrealdb.client.SurrealClient;
import io.cortexsync.connector.surrealdb.client.SurrealRecordId;
import io.cortexsync.cli.CortexSyncCli;
import io.qdrant.client.grpc.Collections.Distance;
import io.qdrant.client.grpc.Collections.VectorParams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Problems that end {@code migrate} at once, with exit code 2 and one line naming the problem, before any job starts. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class MigratePreflightITCase {

    private static MigrationTestStores stores;

    @BeforeAll
    static void start() throws Exception {
        stores = MigrationTestStores.start("preflight");
        stores.load("pre", "docs", 20, 8, false);
        try (QdrantConnection qdrant = stores.qdrantConnection()) {
            qdrant.client().createCollectionAsync("size16",
                    VectorParams.newBuilder().setSize(16).setDistance(Distance.Cosine).build()).get(30, TimeUnit.SECONDS);
            qdrant.client().createCollectionAsync("dot8",
                    VectorParams.newBuilder().setSize(8).setDistance(Distance.Dot).build()).get(30, TimeUnit.SECONDS);
        }
    }

    @AfterAll
    static void stop() {
        if (stores != null) {
            stores.close();
        }
    }

    @Test
    void unknownTable(@TempDir Path dir) {
        String line = failsWithOneLine(withDirs(stores.args("pre", "c1", "docs", "nosuch"), dir));
        assertThat(line).contains("unknown table 'nosuch'").contains("--table").contains("docs");
    }

    @Test
    void wrongSurrealCredentials(@TempDir Path dir) {
        List<String> args = withDirs(stores.args("pre", "c2", "docs"), dir);
        args.set(args.indexOf("--surreal-pass") + 1, "wrong-password");
        String line = failsWithOneLine(args);
        assertThat(line).contains("refused the credentials").contains("--surreal-user/--surreal-pass").doesNotContain("wrong-password");
    }

    @Test
    void qdrantUnreachable(@TempDir Path dir) throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        List<String> args = withDirs(stores.args("pre", "c3", "docs"), dir);
        args.set(args.indexOf("--qdrant-port") + 1, String.valueOf(closedPort));
        String line = failsWithOneLine(args);
        assertThat(line).contains("Qdrant at 127.0.0.1:" + closedPort + " is unreachable").contains("--qdrant-host/--qdrant-port");
    }

    @Test
    void collectionOfAnotherSize(@TempDir Path dir) throws Exception {
        String line = failsWithOneLine(withDirs(stores.args("pre", "size16", "docs"), dir));
        assertThat(line).contains("collection 'size16' exists with size 16 and distance Cosine").contains("needs size 8");
        assertThat(stores.pointCount("size16")).isZero();
    }

    @Test
    void collectionOfAnotherDistance(@TempDir Path dir) throws Exception {
        String line = failsWithOneLine(withDirs(stores.args("pre", "dot8", "docs"), dir));
        assertThat(line).contains("collection 'dot8' exists with size 8 and distance Dot").contains("Cosine (--distance)");
        assertThat(stores.pointCount("dot8")).isZero();
    }

    /** The count over the table's whole key range takes keys of every kind, and an empty table counts 0. */
    @Test
    void countsRecordsWithKeysOfEveryKind(@TempDir Path dir) throws Exception {
        List<Object> keys = List.of(-5L, 0L, 42L, "", "doc-1", "文書-é", UUID.fromString("0190a3c4-0000-7000-8000-000000000001"),
                List.of(1L, "a"), Map.of("tenant", "x"));
        try (SurrealClient client = stores.surrealClient("count")) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (Object key : keys) {
                Map<String, Object> row = MigrationTestStores.content(rows.size(), 8);
                row.put("id", SurrealRecordId.ofKey("mixed", key));
                rows.add(row);
            }
            client.query("INSERT INTO mixed $rows RETURN NONE; DEFINE TABLE empty SCHEMALESS;", Map.of("rows", rows));
        }
        List<String> args = withDirs(stores.args("count", "counted", "mixed", "empty"), dir);
        MigrateOptions options = CortexSyncCli.parseMigrateOptions(args.toArray(new String[0]));
        PreflightResult result = new SyncPreflight(options.stores(), options.target()).run();
        assertThat(result.recordsByTable()).containsExactlyInAnyOrderEntriesOf(Map.of("mixed", (long) keys.size(), "empty", 0L));
        assertThat(result.dimension()).isEqualTo(8);
    }

    private static List<String> withDirs(List<String> args, Path dir) {
        args.addAll(List.of("--checkpoint-dir", dir.resolve("chk").toString(), "--dead-letter", dir.resolve("d.jsonl").toString()));
        return args;
    }

    private static String failsWithOneLine(List<String> args) {
        long upserts = stores.qdrant.callCount("Upsert");
        MigrationTestStores.Run run = MigrationTestStores.migrate(args);
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(2);
        assertThat(run.err().strip().lines().count()).as(run.err()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(stores.qdrant.callCount("Upsert")).isEqualTo(upserts);
        return run.err().strip();
    }
}
