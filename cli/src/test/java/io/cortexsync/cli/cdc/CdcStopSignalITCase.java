package io.cortexsync.cli.cdc;

import io.cortexsync.cli.CliProcess;
import io.cortexsync.cli.migrate.MigrationTestStores;
import io.cortexsync.connector.surrealdb.client.Statement;
import io.cortexsync.connector.surrealdb.client.SurrealClient;
import io.cortexsync.connector.surrealdb.client.SurrealRecordId;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ctrl-C on a real {@code cortex-sync cdc} process: SIGINT stops the job with a savepoint and the
 * process exits 0 saying where it stopped; a second run with {@code --resume} continues from that
 * savepoint and syncs what changed meanwhile, nothing of it skipped.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class CdcStopSignalITCase {

    static final int DIM = 8;
    static final String NS = "cdc_signal";
    static final String TABLE = "docs";

    private static MigrationTestStores stores;

    @BeforeAll
    static void start() {
        stores = MigrationTestStores.start("cdc-signal");
    }

    @AfterAll
    static void stop() {
        if (stores != null) {
            stores.close();
        }
    }

    @Test
    void sigintStopsWithASavepointAndResumeContinuesThere(@TempDir Path dir) throws Exception {
        try (SurrealClient client = stores.surrealClient(NS)) {
            client.queryBatch(List.of(Statement.of("DEFINE TABLE " + TABLE + " CHANGEFEED 1h")));
        }
        stores.load(NS, TABLE, 500, DIM, false);
        String collection = "cdc_signal_docs";
        List<String> args = new ArrayList<>(stores.args(NS, collection, TABLE));
        args.addAll(List.of("--checkpoint-dir", dir.resolve("cp").toString(), "--checkpoint-interval", "1s",
                "--dead-letter", dir.resolve("dead.jsonl").toString(), "--poll-interval", "100ms"));

        CliProcess first = CliProcess.start("cdc", List.of(), args);
        first.awaitLine("is running", 120);
        awaitPoints(collection, 500, first);
        new ProcessBuilder("kill", "-INT", String.valueOf(first.pid())).inheritIO().start().waitFor();
        assertThat(first.awaitExit(120)).as("exit code; printed:%n%s", first.printed()).isZero();
        assertThat(first.printed()).contains("SIGINT: stopping job").contains("stopped at savepoint").contains("--resume");

        // changed while no job runs: the resumed job reads them from the feed, after its savepoint
        try (SurrealClient client = stores.surrealClient(NS)) {
            for (int i = 0; i < 20; i++) {
                client.upsert(SurrealRecordId.of(TABLE, "after-stop-" + i), MigrationTestStores.content(900 + i, DIM));
            }
            client.delete(SurrealRecordId.of(TABLE, MigrationTestStores.key(0)));
        }
        List<String> resumed = new ArrayList<>(args);
        resumed.add("--resume");
        CliProcess second = CliProcess.start("cdc", List.of(), resumed);
        second.awaitLine("is running", 120);
        assertThat(second.printed()).contains("resuming from").contains("savepoints");
        awaitPoints(collection, 500 + 20 - 1, second);
        second.process.destroy();
        assertThat(second.awaitExit(120)).as("SIGTERM stops it as well; printed:%n%s", second.printed()).isZero();
    }

    private static void awaitPoints(String collection, long count, CliProcess run) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        long points = -1;
        while (System.nanoTime() < deadline && run.process.isAlive()) {
            points = stores.collectionExists(collection) ? stores.pointCount(collection) : 0;
            if (points == count) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("expected " + count + " points, Qdrant has " + points + "; the run printed:\n" + run.printed());
    }
}
