package io.cortexsync.cli.chaos;

import io.cortexsync.cli.CortexSyncCli;
import io.cortexsync.cli.cluster.Await;
import io.cortexsync.cli.migrate.MigrationTestStores;
import io.cortexsync.cli.reconcile.ReconcileCommand;
import io.cortexsync.cli.run.StoreStates;
import io.cortexsync.connector.qdrant.client.QdrantConnection;
import io.cortexsync.connector.surrealdb.client.SurrealClient;
import io.cortexsync.schema.model.RepairRecord.Kind;
import io.cortexsync.schema.model.SyncEvent;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fault matrix's {@code reconcile --repair} rows for the stores' faults: over a migrated table
 * with 60 planted differences (points deleted, records changed in SurrealDB only, orphan points),
 * a run whose Qdrant answers 50 ms late meets the fault, which begins while it runs (asserted). Each row ends with
 * exactly the planted differences reported once, each repaired (exit code 0, one REPAIRED event
 * and one repair record per difference on Kafka), and Qdrant equal to SurrealDB.
 */
class ReconcileStoreFaultsITCase extends StoreFaultsTestBase {

    private static final int DIM = 8;
    private static final String TABLE = "items";

    @ParameterizedTest
    @EnumSource(StoreFault.class)
    void findsAndRepairsExactlyThePlantedDifferencesThroughTheFault(StoreFault fault, @TempDir Path dir) throws Exception {
        String name = "reconcile_" + fault.name().toLowerCase();
        int records = ChaosSize.RECORDS;
        stores.load(name, TABLE, records, DIM);
        List<String> migrate = new ArrayList<>(stores.jobArgs(name, TABLE, name));
        migrate.addAll(List.of("--checkpoint-dir", dir.resolve("migrate-cp").toString(),
                "--dead-letter", dir.resolve("dead.jsonl").toString()));
        MigrationTestStores.Run migrated = MigrationTestStores.migrate(migrate);
        assertThat(migrated.exitCode()).as(migrated.err()).isZero();
        Map<String, Kind> planted;
        try (SurrealClient client = stores.surrealClient(name); QdrantConnection qdrant = stores.qdrantConnection()) {
            planted = PlantedDrift.plant(client, qdrant, TABLE, name, records, DIM);
        }

        List<String> args = new ArrayList<>(stores.jobArgs(name, TABLE, name));
        Path report = dir.resolve("report.json");
        args.addAll(List.of("--checkpoint-dir", dir.resolve("cp").toString(), "--checkpoint-interval", "1s",
                "--partitions", "64", "--findings", dir.resolve("findings.jsonl").toString(), "--report", report.toString(),
                "--repair", "--kafka-bootstrap", stores.kafka.bootstrapServers(),
                "--repairs-topic", name + "_repairs", "--events-topic", name + "_events"));
        long scrollsBefore = stores.qdrant.callCount("Scroll");
        stores.qdrant.faults().latency(Duration.ofMillis(50));
        AtomicLong endedAt = new AtomicLong();
        CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> {
            int code = reconcile(args);
            endedAt.set(System.nanoTime());
            return code;
        });
        int exit;
        double recoverSeconds;
        try {
            Await.until(Duration.ofSeconds(120), "the scan of Qdrant begun",
                    () -> stores.qdrant.callCount("Scroll") - scrollsBefore, n -> n >= 4 || run.isDone());
            assertThat(run.isDone()).as("the run ended before the fault").isFalse();
            fault.inject(stores);
            long faultEnded = System.nanoTime();
            exit = run.get(5, TimeUnit.MINUTES);
            // a lasting fault may outlive a short run: then nothing was left to recover
            recoverSeconds = Math.max(0, (endedAt.get() - faultEnded) / 1e9);
        } finally {
            stores.qdrant.faults().reset();
        }

        FaultRow row = PlantedDrift.row(fault.label(), outcome(), planted, report, recoverSeconds);
        System.out.println(row.line());
        assertThat(row.nothingLost()).as(row.line()).isTrue();
        assertThat(exit).as("exit code: every difference repaired").isZero();

        List<SyncEvent> events = EventTally.read(stores.kafka.bootstrapServers(), name + "_events");
        assertThat(events).as("one REPAIRED event per difference").hasSize(planted.size())
                .allMatch(e -> e.type() == SyncEvent.Type.REPAIRED);
        try (SurrealClient client = stores.surrealClient(name); QdrantConnection qdrant = stores.qdrantConnection()) {
            assertThat(StoreStates.qdrant(qdrant, name)).as("Qdrant after the repair")
                    .isEqualTo(StoreStates.surreal(client, TABLE, "vector", DIM));
        }
    }

    private static int reconcile(List<String> args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        String[] argv = args.toArray(new String[0]);
        CommandLine cli = CortexSyncCli.commandLine(new ReconcileCommand(print, print), argv);
        cli.setErr(new PrintWriter(print, true));
        cli.setOut(new PrintWriter(print, true));
        int exit = cli.execute(argv);
        System.out.println(out.toString(StandardCharsets.UTF_8));
        return exit;
    }
}
