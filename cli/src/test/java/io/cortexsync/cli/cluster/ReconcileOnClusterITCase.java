package io.cortexsync.cli.cluster;

import io.cortexsync.cli.CortexSyncCli;
import io.cortexsync.cli.chaos.PlantedDrift;
import io.cortexsync.cli.migrate.MigrateCommand;
import io.cortexsync.connector.qdrant.client.QdrantConnection;
import io.cortexsync.connector.qdrant.client.QdrantConnectionConfig;
import io.cortexsync.connector.surrealdb.client.SurrealClient;
import io.cortexsync.connector.surrealdb.client.SurrealRecordId;
import io.cortexsync.schema.ids.PointIds;
import io.cortexsync.schema.ids.RecordId;
import io.cortexsync.schema.json.SchemaJson;
import io.cortexsync.schema.model.PayloadFields;
import io.cortexsync.schema.model.RepairRecord;
import io.cortexsync.schema.model.RepairRecord.Kind;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qdrant.client.PointIdFactory;
import io.qdrant.client.ValueFactory;
import io.qdrant.client.VectorsFactory;
import io.qdrant.client.grpc.Points.PointStruct;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code submit reconcile} on a real session cluster (a JobManager and two TaskManagers, each its
 * own JVM) over 12,000 entities with 100 planted differences: a TaskManager killed with SIGKILL
 * mid-run, and a run cancelled mid-run then resumed with {@code --resume}, each end with exactly
 * the planted differences, none reported twice. Injected Qdrant latency keeps the scan running
 * long enough to be interrupted after a completed checkpoint. And {@code submit reconcile
 * --continuous}: drift planted while it runs on the cluster is reported, and {@code stop} ends it
 * with a savepoint.
 */
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class ReconcileOnClusterITCase {

    private static final int ENTITIES = 12_000;
    /** Planted differences are spread a step apart over the table. */
    private static final int STEP = ENTITIES / 100;
    private static final int DIM = 16;
    private static final String TABLE = "entity";
    private static final String COLLECTION = "reconciled";
    private static final Duration CHECKPOINT_INTERVAL = Duration.ofSeconds(2);
    private static final Duration SCAN_LATENCY = Duration.ofMillis(300);
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(3);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tempDir;

    private static ClusterTestStores stores;
    private static LocalCluster cluster;
    private static FlinkRestClient rest;
    private static final Map<String, Kind> planted = new TreeMap<>();

    @BeforeAll
    static void start() throws Exception {
        stores = ClusterTestStores.start(tempDir);
        stores.load(TABLE, ENTITIES, DIM);
        migrate();
        plantDrift();
        cluster = LocalCluster.start(LocalCluster.runDirFor(ReconcileOnClusterITCase.class),
                "heartbeat.interval=1000 heartbeat.timeout=6000 rest.cache.checkpoint-statistics.timeout=100ms");
        rest = new FlinkRestClient(cluster.restUri(), Duration.ofSeconds(30));
    }

    @AfterEach
    void clearInjectedFaultsAndJobs() throws Exception {
        stores.qdrant.faults().reset();
        // a failed test's job must not run on into the next test, which finds its own job by name
        for (JobSummary job : rest.jobs()) {
            if (!job.isTerminal()) {
                try {
                    rest.cancel(job.id());
                } catch (FlinkRestException e) {
                    // it ended by itself in between (a stop with a savepoint finishing): the wait below tells
                }
            }
        }
        Await.until(RUN_TIMEOUT, "every job on the cluster ended", () -> rest.jobs().stream().filter(job -> !job.isTerminal()).toList(),
                List::isEmpty);
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
        if (stores != null) {
            stores.close();
        }
    }

    @Test
    void aTaskManagerKilledMidRunRestoresAndTheSameDifferencesAreFoundOnce() throws Exception {
        Path report = tempDir.resolve("killed-report.json");
        stores.qdrant.faults().latency(SCAN_LATENCY);
        SubmitRun run = SubmitRun.reconcile(args("killed", report));
        String jobId = awaitRunningJob(run);
        Await.until(RUN_TIMEOUT, "a checkpoint of " + jobId + " completes", () -> rest.checkpoints(jobId),
                CheckpointStats::hasCompleted);
        String killed = LocalCluster.taskManagerRunning(rest, jobId);
        try {
            long killedAt = System.nanoTime();
            cluster.killHard(killed);
            log("killed %s mid-run of %s", killed, jobId);
            stores.qdrant.faults().reset();
            Await.until(RUN_TIMEOUT, "the job restored from a checkpoint", () -> rest.checkpoints(jobId).restored(), n -> n >= 1);
            double recoverSeconds = (System.nanoTime() - killedAt) / 1e9;

            int exit = run.awaitExit(RUN_TIMEOUT);
            log("%s", run.output());
            assertThat(exit).as(run.output()).isEqualTo(1);
            assertThat(rest.checkpoints(jobId).restored()).as("restores from a checkpoint").isGreaterThanOrEqualTo(1);
            assertThat(rest.exceptions(jobId)).as("the failure the job recovered from").isNotEmpty();
            printFaultRow(report, recoverSeconds);
            assertFindsExactlyThePlanted(report, tempDir.resolve("killed-findings.jsonl"));
        } finally {
            cluster.restartTaskManager(killed);
        }
    }

    @Test
    void aCancelledRunResumesFromItsLastCheckpointAndFindsTheSameDifferencesOnce() throws Exception {
        Path report = tempDir.resolve("resumed-report.json");
        stores.qdrant.faults().latency(SCAN_LATENCY);
        SubmitRun first = SubmitRun.reconcile(args("resumed", report));
        String jobId = awaitRunningJob(first);
        Await.until(RUN_TIMEOUT, "a checkpoint of " + jobId + " completes", () -> rest.checkpoints(jobId),
                CheckpointStats::hasCompleted);
        rest.cancel(jobId);
        assertThat(first.awaitExit(RUN_TIMEOUT)).as(first.output()).isEqualTo(1);
        assertThat(JSON.readTree(report.toFile()).path("status").asText()).isEqualTo("CANCELED");
        stores.qdrant.faults().reset();

        List<String> resumeArgs = args("resumed", report);
        resumeArgs.add("--resume");
        SubmitRun second = SubmitRun.reconcile(resumeArgs);
        int exit = second.awaitExit(RUN_TIMEOUT);
        log("%s", second.output());
        assertThat(exit).as(second.output()).isEqualTo(1);
        assertThat(JSON.readTree(report.toFile()).path("resumedFrom").asText()).contains("chk-");
        assertFindsExactlyThePlanted(report, tempDir.resolve("resumed-findings.jsonl"));
    }

    @Test
    void continuousOnTheClusterReportsDriftPlantedWhileItRunsAndStopsWithASavepoint() throws Exception {
        String table = "streamed";
        String collection = "streamed";
        try (SurrealClient surreal = stores.surrealClient()) {
            surreal.query("DEFINE TABLE " + table + " CHANGEFEED 1h", Map.of());
        }
        stores.load(table, 3_000, DIM);
        List<String> migrate = stores.migrateArgs(table, collection);
        migrate.addAll(List.of("--checkpoint-dir", tempDir.resolve("streamed-migrate").toString(),
                "--dead-letter", tempDir.resolve("streamed-dead-letter.jsonl").toString(), "--parallelism", "2"));
        run(migrate);

        Path findings = tempDir.resolve("streamed-findings.jsonl");
        List<String> args = stores.migrateArgs(table, collection);
        args.addAll(List.of(
                "--jobmanager", cluster.restUri().toString(),
                "--job-jar", jobJar().toString(),
                "--parallelism", "2",
                "--partitions", "16",
                "--continuous", "--cycle", "4s", "--grace", "2s",
                "--checkpoint-dir", tempDir.resolve("streamed-checkpoints").toString(),
                "--checkpoint-interval", "1s",
                "--findings", findings.toString()));
        SubmitRun submit = SubmitRun.reconcile(args);
        assertThat(submit.awaitExit(RUN_TIMEOUT)).as(submit.output()).isZero();
        String jobId = Await.until(RUN_TIMEOUT, "the continuous job runs", () -> {
            for (JsonNode job : rest.get("jobs/overview").path("jobs")) {
                if (job.path("name").asText().contains("<-> " + collection + " (continuous)") && job.path("state").asText().equals("RUNNING")) {
                    return Optional.of(job.path("jid").asText());
                }
            }
            return Optional.<String>empty();
        }, Optional::isPresent).orElseThrow();
        Await.until(RUN_TIMEOUT, "a full cycle of partition scans", () -> scans(jobId), scans -> scans >= 16);

        Map<String, Kind> drift = new TreeMap<>();
        try (QdrantConnection qdrant = QdrantConnection.open(QdrantConnectionConfig.builder()
                .host(stores.qdrant.host()).port(stores.qdrant.port()).build())) {
            for (int i : new int[] {100, 200}) {
                UUID point = PointIds.pointId(RecordId.of(table, key(i)));
                qdrant.client().deleteAsync(collection, List.of(PointIdFactory.id(point))).get(30, TimeUnit.SECONDS);
                drift.put(point.toString(), Kind.MISSING_VECTOR);
            }
        }
        Path parts = findings.resolveSibling(findings.getFileName() + ".parts");
        Await.until(RUN_TIMEOUT, "the drift reported", () -> reported(parts), found -> found.size() >= drift.size());
        log("continuous on the cluster: %s after %d scans", reported(parts), scans(jobId));
        assertThat(reported(parts)).isEqualTo(drift);
        // the JobManager fetches the TaskManagers' metrics every few seconds, and a fetch held by the
        // TaskManager this class's kill test killed ends within the cluster's web.timeout: wait for a fresh reading
        OptionalDouble differing = Await.until(Duration.ofSeconds(60), "the differingPoints gauge shows the drift",
                () -> rest.maxOverSubtasks(jobId, "differingPoints"), d -> d.isPresent() && d.getAsDouble() >= 1);
        OptionalDouble consistency = rest.maxOverSubtasks(jobId, "consistencyRate");
        log("gauges: differingPoints max %s, consistencyRate max %s", differing, consistency);
        assertThat(consistency).isPresent();
        assertThat(consistency.getAsDouble()).isBetween(0.99, 1.0);

        CommandRun stop = CommandRun.run(StopCommand::new, "--jobmanager", cluster.restUri().toString(), "--job", jobId,
                "--timeout", "90s");
        assertThat(stop.exitCode()).as(stop.toString()).isZero();
        assertThat(Path.of(java.net.URI.create(stop.out().trim().lines().reduce((a, b) -> b).orElse("")))
                .resolve("_metadata")).isRegularFile();
    }

    private static long scans(String jobId) {
        return Long.parseLong(rest.accumulators(jobId).getOrDefault("partitionScans", "0").trim());
    }

    private static Map<String, Kind> reported(Path parts) throws IOException {
        Map<String, Kind> found = new TreeMap<>();
        if (!Files.isDirectory(parts)) {
            return found;
        }
        try (var files = Files.list(parts)) {
            for (Path part : files.toList()) {
                for (String line : Files.readAllLines(part)) {
                    try {
                        RepairRecord record = SchemaJson.REPAIR_RECORD.read(line);
                        found.put(record.pointId().toString(), record.kind());
                    } catch (RuntimeException e) {
                        // a line being written
                    }
                }
            }
        }
        return found;
    }


    private static void run(List<String> migrateArgs) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        String[] argv = migrateArgs.toArray(new String[0]);
        int exit = CortexSyncCli.commandLine(new MigrateCommand(print, print), argv).execute(argv);
        assertThat(exit).as(out.toString(StandardCharsets.UTF_8)).isZero();
    }

    /** The fault matrix's row: the report's differences against the planted ones. */
    private static void printFaultRow(Path report, double recoverSeconds) throws IOException {
        System.out.println(PlantedDrift.row("taskmanager-kill-9", "restarted-from-checkpoint", planted, report, recoverSeconds)
                .line());
    }

    private static void assertFindsExactlyThePlanted(Path report, Path findings) throws IOException {
        JsonNode json = JSON.readTree(report.toFile());
        assertThat(json.path("status").asText()).isEqualTo("FINISHED");
        Map<String, Kind> found = new TreeMap<>();
        for (JsonNode difference : json.path("differences")) {
            RepairRecord record = SchemaJson.REPAIR_RECORD.read(difference.toString());
            assertThat(found.put(record.pointId().toString(), record.kind())).as("reported twice: " + record).isNull();
        }
        assertThat(found).isEqualTo(planted);
        assertThat(Files.readAllLines(findings)).hasSize(planted.size());
    }

    /** A clean migration of the table into the collection, in this JVM. */
    private static void migrate() {
        List<String> args = stores.migrateArgs(TABLE, COLLECTION);
        args.addAll(List.of("--checkpoint-dir", tempDir.resolve("migrate-checkpoints").toString(),
                "--dead-letter", tempDir.resolve("migrate-dead-letter.jsonl").toString(), "--parallelism", "2"));
        run(args);
    }

    /** 40 points deleted, 30 records changed in SurrealDB only, 30 orphan points. */
    private static void plantDrift() throws Exception {
        try (QdrantConnection qdrant = QdrantConnection.open(QdrantConnectionConfig.builder()
                        .host(stores.qdrant.host()).port(stores.qdrant.port()).build());
                SurrealClient surreal = stores.surrealClient()) {
            for (int n = 0; n < 40; n++) {
                UUID point = pointOf(n * STEP);
                qdrant.client().deleteAsync(COLLECTION, List.of(PointIdFactory.id(point))).get(30, TimeUnit.SECONDS);
                planted.put(point.toString(), Kind.MISSING_VECTOR);
            }
            for (int n = 0; n < 30; n++) {
                int i = (40 + n) * STEP;
                surreal.query("UPDATE $id SET title = $title", Map.of("id", SurrealRecordId.of(TABLE, key(i)), "title", "changed " + n));
                planted.put(pointOf(i).toString(), Kind.MISMATCH);
            }
            List<PointStruct> orphans = new ArrayList<>();
            for (int n = 0; n < 30; n++) {
                UUID id = UUID.nameUUIDFromBytes(("orphan-" + n).getBytes(StandardCharsets.UTF_8));
                List<Float> vector = new ArrayList<>();
                for (int d = 0; d < DIM; d++) {
                    vector.add((float) (d + n));
                }
                orphans.add(PointStruct.newBuilder().setId(PointIdFactory.id(id)).setVectors(VectorsFactory.vectors(vector))
                        .putPayload(PayloadFields.SURREAL_ID, ValueFactory.value(TABLE + ":ghost_" + n))
                        .putPayload(PayloadFields.TABLE, ValueFactory.value(TABLE)).build());
                planted.put(id.toString(), Kind.ORPHAN_VECTOR);
            }
            qdrant.client().upsertAsync(COLLECTION, orphans).get(30, TimeUnit.SECONDS);
        }
    }

    private static String key(int i) {
        return String.format("e-%06d", i);
    }

    private static UUID pointOf(int i) {
        return PointIds.pointId(RecordId.of(TABLE, key(i)));
    }

    private List<String> args(String name, Path report) throws IOException {
        List<String> args = stores.migrateArgs(TABLE, COLLECTION);
        args.addAll(List.of(
                "--jobmanager", cluster.restUri().toString(),
                "--job-jar", jobJar().toString(),
                "--parallelism", "2",
                "--partitions", "64",
                "--checkpoint-dir", tempDir.resolve(name + "-checkpoints").toString(),
                "--checkpoint-interval", CHECKPOINT_INTERVAL.toSeconds() + "s",
                "--findings", tempDir.resolve(name + "-findings.jsonl").toString(),
                "--report", report.toString()));
        return args;
    }

    private static Path jobJar() throws IOException {
        Path target = LocalCluster.projectDir().resolve("jobs/target");
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(target, "cortex-sync-jobs-*-job.jar")) {
            for (Path jar : jars) {
                return jar;
            }
        }
        throw new IllegalStateException("no shaded job jar in " + target + "; run 'mvn -pl jobs -am package' first");
    }

    private static String awaitRunningJob(SubmitRun run) throws Exception {
        return Await.until(RUN_TIMEOUT, "the reconciliation of " + COLLECTION + " runs", () -> {
            if (run.isDone()) {
                throw new AssertionError("submit ended early:\n" + run.output());
            }
            for (JsonNode job : rest.get("jobs/overview").path("jobs")) {
                if (job.path("name").asText().endsWith("<-> " + COLLECTION) && job.path("state").asText().equals("RUNNING")) {
                    return Optional.of(job.path("jid").asText());
                }
            }
            return Optional.<String>empty();
        }, Optional::isPresent).orElseThrow();
    }

    private static void log(String format, Object... args) {
        System.out.printf("%tT %s%n", System.currentTimeMillis(), String.format(format, args).trim());
    }
}
