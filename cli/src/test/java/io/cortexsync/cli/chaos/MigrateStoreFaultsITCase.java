package io.cortexsync.cli.chaos;

import io.cortexsync.cli.cluster.Await;
import io.cortexsync.cli.migrate.MigrationTestStores;
import io.cortexsync.connector.qdrant.client.QdrantConnection;
import io.cortexsync.connector.surrealdb.client.SurrealClient;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fault matrix's {@code migrate} rows for the stores' faults (migrate uses no Kafka). Qdrant
 * answers every call 50 ms late and the batches are small, so the load lasts long enough for the
 * fault, injected once the first points are written, to begin while the job runs (asserted). Each row
 * ends with the run's exit code 0, its verification passed, and Qdrant holding exactly SurrealDB's
 * records.
 */
class MigrateStoreFaultsITCase extends StoreFaultsTestBase {

    private static final int DIM = 8;
    private static final String TABLE = "items";

    @ParameterizedTest
    @EnumSource(value = StoreFault.class, mode = EnumSource.Mode.EXCLUDE, names = "KAFKA_RESTART")
    void theMigrationCompletesWithEveryRecordThroughTheFault(StoreFault fault, @TempDir Path dir) throws Exception {
        String name = "migrate_" + fault.name().toLowerCase();
        int records = ChaosSize.RECORDS;
        stores.load(name, TABLE, records, DIM);
        List<String> args = new ArrayList<>(stores.jobArgs(name, TABLE, name));
        args.set(args.indexOf("--batch-size") + 1, "8");
        args.addAll(List.of("--checkpoint-dir", dir.resolve("cp").toString(), "--checkpoint-interval", "1s",
                "--dead-letter", dir.resolve("dead.jsonl").toString(), "--verify"));

        long upsertsBefore = stores.qdrant.upsertedPointCount();
        stores.qdrant.faults().latency(Duration.ofMillis(50));
        AtomicLong endedAt = new AtomicLong();
        CompletableFuture<MigrationTestStores.Run> run = CompletableFuture.supplyAsync(() -> {
            MigrationTestStores.Run result = MigrationTestStores.migrate(args);
            endedAt.set(System.nanoTime());
            return result;
        });
        MigrationTestStores.Run ended;
        double recoverSeconds;
        try {
            Await.until(Duration.ofSeconds(120), "the first points written",
                    () -> stores.qdrant.upsertedPointCount() - upsertsBefore, n -> n >= 100 || run.isDone());
            assertThat(run.isDone()).as("the run ended before the fault: %s", run.getNow(null)).isFalse();
            fault.inject(stores);
            long faultEnded = System.nanoTime();
            ended = run.get(5, TimeUnit.MINUTES);
            // a lasting fault may outlive a short run: then nothing was left to recover
            recoverSeconds = Math.max(0, (endedAt.get() - faultEnded) / 1e9);
        } finally {
            stores.qdrant.faults().reset();
        }
        System.out.printf("%s: migrate exit %d%n%s%n", fault.label(), ended.exitCode(), ended.err());
        assertThat(ended.exitCode()).as(ended.err()).isZero();

        StoreComparison compared;
        try (SurrealClient client = stores.surrealClient(name); QdrantConnection qdrant = stores.qdrantConnection()) {
            compared = StoreComparison.of(client, qdrant, TABLE, name, DIM);
        }
        FaultRow row = compared.row("migrate", fault.label(), outcome(), -1, -1, recoverSeconds);
        System.out.println(row.line());
        assertThat(compared.surreal()).hasSize(records);
        assertThat(row.nothingLost()).as(row.line()).isTrue();
    }
}
