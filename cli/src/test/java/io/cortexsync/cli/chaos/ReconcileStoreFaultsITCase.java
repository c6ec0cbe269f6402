package io.cortexsync.cli.chaos;

import io.cortexsync.cli.CortexSyncCli;
import io.cortexsync.cli.cluster.Await;
import io.cortexsync.cli.migrate.MigrationTestStores;
import io.cortexsync.cli.reconcile.ReconcileCommand;
import io.cortexsync.cli.run.StoreStates;
import io.cortexsync.connector.qdrant.client.QdrantConnection;
import io.cortexsync.schema.model.PayloadFields;
import io.cortexsync.connector.surrealdb.client.SurrealClient;
import io.cortexsync.connector.surrealdb.client.SurrealRecordId;
import io.cortexsync.schema.ids.PointIds;
import io.cortexsync.schema.ids.RecordId;
import io.cortexsync.schema.json.SchemaJson;
import io.cortexsync.schema.model.RepairRecord;
import io.cortexsync.schema.model.RepairRecord.Kind;
import io.cortexsync.schema.model.SyncEvent;
import io.cortexsync.testkit.logging.LogCapture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qdrant.client.PointIdFactory;
import io.qdrant.client.ValueFactory;
import io.qdrant.client.VectorsFactory;
import io.qdrant.client.grpc.Points.PointStruct;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
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
import java.util.TreeMap;
import java.util.UUID;
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
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class ReconcileStoreFaultsITCase {

    private static final int DIM = 8;
    private static final String TABLE = "items";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tempDir;

    private static FaultedStores stores;

    @RegisterExtension
    final LogCapture jobStates = JobRestarts.capture();

    @BeforeAll
    static void start() throws Exception {
        stores = FaultedStores.start(tempDir);
    }

    @AfterAll
    static void stop() {
        if (stores != null) {
            stores.close();
        }
    }

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
        Map<String, Kind> planted = plantDrift(name, records);

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

        Map<String, Integer> times = new TreeMap<>();
        Map<String, Kind> found = new TreeMap<>();
        for (JsonNode difference : JSON.readTree(report.toFile()).path("differences")) {
            RepairRecord record = SchemaJson.REPAIR_RECORD.read(difference.toString());
            times.merge(record.pointId().toString(), 1, Integer::sum);
            found.put(record.pointId().toString(), record.kind());
        }
        long lost = planted.keySet().stream().filter(id -> !found.containsKey(id)).count();
        long wrong = planted.entrySet().stream().filter(e -> found.containsKey(e.getKey()) && found.get(e.getKey()) != e.getValue()).count();
        long extra = found.keySet().stream().filter(id -> !planted.containsKey(id)).count();
        long duplicated = times.values().stream().mapToLong(n -> n - 1).sum();
        FaultRow row = new FaultRow("reconcile", fault.label(), JobRestarts.outcome(jobStates), planted.size(), -1, -1,
                wrong, extra, lost, duplicated, recoverSeconds);
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

    /** 20 points deleted, 20 records changed in SurrealDB only, 20 orphan points. */
    private static Map<String, Kind> plantDrift(String name, int records) throws Exception {
        Map<String, Kind> planted = new TreeMap<>();
        int step = records / 40;
        try (QdrantConnection qdrant = stores.qdrantConnection(); SurrealClient surreal = stores.surrealClient(name)) {
            for (int n = 0; n < 20; n++) {
                UUID point = pointOf(n * step);
                qdrant.client().deleteAsync(name, List.of(PointIdFactory.id(point))).get(30, TimeUnit.SECONDS);
                planted.put(point.toString(), Kind.MISSING_VECTOR);
            }
            for (int n = 0; n < 20; n++) {
                int i = (20 + n) * step;
                surreal.query("UPDATE $id SET title = $title",
                        Map.of("id", SurrealRecordId.of(TABLE, FaultedStores.key(i)), "title", "changed " + n));
                planted.put(pointOf(i).toString(), Kind.MISMATCH);
            }
            List<PointStruct> orphans = new ArrayList<>();
            for (int n = 0; n < 20; n++) {
                UUID id = UUID.nameUUIDFromBytes(("orphan-" + n).getBytes(StandardCharsets.UTF_8));
                List<Float> vector = new ArrayList<>();
                for (int d = 0; d < DIM; d++) {
                    vector.add((float) (d + n + 1));
                }
                orphans.add(PointStruct.newBuilder().setId(PointIdFactory.id(id)).setVectors(VectorsFactory.vectors(vector))
                        .putPayload(PayloadFields.SURREAL_ID, ValueFactory.value(TABLE + ":ghost_" + n))
                        .putPayload(PayloadFields.TABLE, ValueFactory.value(TABLE)).build());
                planted.put(id.toString(), Kind.ORPHAN_VECTOR);
            }
            qdrant.client().upsertAsync(name, orphans).get(30, TimeUnit.SECONDS);
        }
        return planted;
    }

    private static UUID pointOf(int i) {
        return PointIds.pointId(RecordId.of(TABLE, FaultedStores.key(i)));
    }
}
