package io.cortexsync.cli.cluster;

import io.cortexsync.cli.chaos.ChaosSize;
import io.cortexsync.cli.chaos.ChangeLoad;
import io.cortexsync.cli.chaos.ChangeSender;
import io.cortexsync.cli.chaos.PlantedDrift;
import io.cortexsync.cli.chaos.StoreComparison;
import io.cortexsync.cli.migrate.MigrationTestStores;
import io.cortexsync.cli.chaos.EventTally;
import io.cortexsync.cli.chaos.FaultRow;
import io.cortexsync.cli.run.StoreStates;
import io.cortexsync.connector.qdrant.client.QdrantConnection;
import io.cortexsync.connector.surrealdb.client.Statement;
import io.cortexsync.connector.surrealdb.client.SurrealClient;
import io.cortexsync.connector.surrealdb.client.SurrealRecordId;
import io.cortexsync.schema.model.RepairRecord;
import io.cortexsync.schema.model.SyncEvent;
import io.cortexsync.testkit.kafka.EmbeddedKafka;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fault matrix's JobManager column: the session cluster's JobManager killed with SIGKILL while
 * a job runs. Without HA services a restarted JobManager knows no jobs, so recovery is what an
 * operator does: start the JobManager again (the TaskManagers register with it) and submit the
 * same command with {@code --resume}, which restores the job's latest retained checkpoint. {@code migrate} then finishes with every entity;
 * {@code cdc} and {@code dual-write} go on with Qdrant equal to SurrealDB and one committed (final)
 * event per change across both runs; {@code reconcile} reports exactly the planted differences,
 * none twice.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class JobManagerKillITCase {

    private static final int DIM = 8;
    private static final Pattern SUBMITTED = Pattern.compile("submitted job ([0-9a-f]{32})");
    private static final String PROPERTIES =
            "heartbeat.interval=1000 heartbeat.timeout=6000 rest.cache.checkpoint-statistics.timeout=100ms";
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(3);

    @TempDir
    static Path tempDir;

    private static ClusterTestStores stores;
    private static EmbeddedKafka kafka;
    private static LocalCluster cluster;
    private static FlinkRestClient rest;

    @BeforeAll
    static void start() {
        stores = ClusterTestStores.start(tempDir);
        kafka = EmbeddedKafka.builder().build();
        kafka.start();
        cluster = LocalCluster.start(LocalCluster.runDirFor(JobManagerKillITCase.class), PROPERTIES);
        rest = new FlinkRestClient(cluster.restUri(), Duration.ofSeconds(30));
    }


    /** The operator's recovery: the JobManager started again; the TaskManagers register with it. */
    private static void restartJobManager() {
        cluster.restartJobManager();
    }

    @AfterEach
    void clearFaults() {
        stores.qdrant.faults().reset();
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
        if (kafka != null) {
            kafka.close();
        }
        if (stores != null) {
            stores.close();
        }
    }

    @Test
    void migrateResumesFromTheRetainedCheckpointOnANewClusterWithEveryEntity() throws Exception {
        String table = "jm_migrate";
        int records = ChaosSize.RECORDS * 5;
        stores.load(table, records, DIM);
        List<String> args = stores.migrateArgs(table, table);
        // an attached submit gives up on an unreachable JobManager after four REST timeouts: 8 s here
        args.addAll(List.of("--job-jar", jobJar().toString(), "--rest-timeout", "2s", "--parallelism", "2", "--batch-size", "64",
                "--checkpoint-dir", tempDir.resolve("migrate-checkpoints").toString(), "--checkpoint-interval", "1s",
                "--dead-letter", tempDir.resolve("migrate-dead.jsonl").toString(), "--verify"));
        // slow enough that the JobManager dies mid-run, after a checkpoint
        stores.qdrant.faults().latency(Duration.ofMillis(150));
        SubmitRun run = SubmitRun.start(withJobManager(args));
        String jobId = Await.until(RUN_TIMEOUT, "the migration running", () -> runningJob(run, "-> " + table), id -> !id.isEmpty());
        Await.until(RUN_TIMEOUT, "a completed checkpoint", () -> rest.checkpoints(jobId).completed(), n -> n >= 1);
        long killedAt = System.nanoTime();
        cluster.killHard("jobmanager");
        // the new JobManager does not know the job either: the first submit gives up all the same
        restartJobManager();
        int firstExit = run.awaitExit(RUN_TIMEOUT);
        System.out.printf("JobManager killed mid-run of %s; submit ended with %d:%n%s%n", jobId, firstExit, run.output());
        assertThat(firstExit).as(run.output()).isNotZero();
        assertThat(run.output()).as("what to do now").contains("lost the JobManager").contains("--resume");

        stores.qdrant.faults().reset();
        List<String> resumed = withJobManager(args);
        resumed.add("--resume");
        SubmitRun second = SubmitRun.start(resumed);
        int exit = second.awaitExit(RUN_TIMEOUT);
        double recoverSeconds = (System.nanoTime() - killedAt) / 1e9;
        System.out.println(second.output());
        assertThat(exit).as(second.output()).isZero();
        assertThat(second.output()).as("resumed from the retained checkpoint").contains("chk-");

        StoreComparison compared = compareStores(table);
        FaultRow row = compared.row("migrate", "jobmanager-kill-9", "resumed-from-retained-checkpoint", -1, -1, recoverSeconds);
        System.out.println(row.line());
        assertThat(compared.surreal()).hasSize(records);
        assertThat(row.nothingLost()).as(row.line()).isTrue();
    }

    @Test
    void cdcResumesFromTheRetainedCheckpointOnANewClusterWithEveryChangeOnce() throws Exception {
        String table = "jm_cdc";
        int records = ChaosSize.RECORDS;
        try (SurrealClient client = stores.surrealClient()) {
            client.queryBatch(List.of(Statement.of("DEFINE TABLE " + table + " CHANGEFEED 1h")));
        }
        stores.load(table, records, DIM);
        Map<String, Integer> changes = new TreeMap<>();
        for (int i = 0; i < records; i++) {
            changes.put(SurrealRecordId.of(table, String.format("e-%06d", i)).toString(), 1);
        }
        List<String> args = stores.migrateArgs(table, table);
        args.addAll(List.of("--parallelism", "2", "--checkpoint-dir", tempDir.resolve("cdc-checkpoints").toString(),
                "--checkpoint-interval", "1s", "--dead-letter", tempDir.resolve("cdc-dead.jsonl").toString(),
                "--poll-interval", "100ms", "--kafka-bootstrap", kafka.bootstrapServers(), "--events-topic", table,
                "--topic-partitions", "2"));
        String first = submitted(SubmitRun.cdc(withJobManager(args)));
        awaitStoresEqual(table);
        double recoverSeconds;
        try (ChangeLoad load = ChangeLoad.start(stores::surrealClient, new ReentrantLock(), table, DIM, records, 0, changes)) {
            Await.until(Duration.ofSeconds(60), "changes streaming", load::written, n -> n >= 100);
            long completed = rest.checkpoints(first).completed();
            Await.until(Duration.ofSeconds(60), "a checkpoint during the changes", () -> rest.checkpoints(first).completed(),
                    n -> n > completed);
            long killedAt = System.nanoTime();
            cluster.killHard("jobmanager");
            System.out.printf("JobManager killed with %d changes written%n", load.written());
            restartJobManager();
            List<String> resumed = new ArrayList<>(args);
            resumed.add("--resume");
            String second = submitted(SubmitRun.cdc(withJobManager(resumed)));
            Await.until(RUN_TIMEOUT, "the resumed job checkpointing", () -> rest.checkpoints(second).completed(), n -> n >= 1);
            recoverSeconds = (System.nanoTime() - killedAt) / 1e9;
            int atResume = load.written();
            Await.until(Duration.ofSeconds(60), "changes after the resume", load::written, n -> n >= atResume + 100);
        }
        awaitStoresEqual(table);
        stopWithSavepoint(table);

        EventTally events = EventTally.of(changes, EventTally.read(kafka.bootstrapServers(), table), SyncEvent::entityId);
        FaultRow row = compareStores(table).row("cdc", "jobmanager-kill-9", "resumed-from-retained-checkpoint",
                events.lost(), events.duplicated(), recoverSeconds);
        System.out.println(row.line());
        assertThat(row.nothingLost()).as(row.line()).isTrue();
    }

    @Test
    void dualWriteResumesFromTheRetainedCheckpointOnANewClusterWithOneFinalEventPerChange() throws Exception {
        String table = "jm_dual";
        List<String> args = stores.migrateArgs(table, table);
        args.addAll(List.of("--dim", String.valueOf(DIM), "--parallelism", "2",
                "--checkpoint-dir", tempDir.resolve("dual-checkpoints").toString(), "--checkpoint-interval", "1s",
                "--dead-letter", tempDir.resolve("dual-dead.jsonl").toString(), "--kafka-bootstrap", kafka.bootstrapServers(),
                "--input-topic", table + "_in", "--events-topic", table, "--topic-partitions", "3"));
        kafka.createTopic(table + "_in", 3);
        Map<String, Integer> sent = new ConcurrentHashMap<>();
        Map<String, Long> lastVersion = new ConcurrentHashMap<>();
        double recoverSeconds;
        try (ChangeSender sender = ChangeSender.start(kafka.bootstrapServers(), table + "_in", table, DIM, sent, lastVersion)) {
            String first = submitted(SubmitRun.dualWrite(withJobManager(args)));
            Await.until(RUN_TIMEOUT, "final events before the kill", () -> finalEvents(table).size(), n -> n >= 50);
            long completed = rest.checkpoints(first).completed();
            Await.until(Duration.ofSeconds(60), "a checkpoint during the changes", () -> rest.checkpoints(first).completed(),
                    n -> n > completed);
            long killedAt = System.nanoTime();
            cluster.killHard("jobmanager");
            System.out.printf("JobManager killed with %d changes sent%n", sender.acknowledged());
            restartJobManager();
            List<String> resumed = withJobManager(args);
            resumed.add("--resume");
            String second = submitted(SubmitRun.dualWrite(resumed));
            Await.until(RUN_TIMEOUT, "the resumed job checkpointing", () -> rest.checkpoints(second).completed(), n -> n >= 1);
            recoverSeconds = (System.nanoTime() - killedAt) / 1e9;
            int atResume = sender.acknowledged();
            Await.until(Duration.ofSeconds(60), "changes after the resume", sender::acknowledged, n -> n >= atResume + 100);
        }
        Await.until(RUN_TIMEOUT, "a final event per change", () -> finalEvents(table).size(), n -> n >= sent.size());
        awaitStoresEqual(table);
        stopWithSavepoint(table);

        List<SyncEvent> finals = finalEvents(table);
        EventTally events = EventTally.of(sent, finals, SyncEvent::requestId);
        StoreComparison compared = compareStores(table);
        FaultRow row = compared.row("dual-write", "jobmanager-kill-9", "resumed-from-retained-checkpoint", lastVersion.size(),
                compared.surreal().size(), events.lost(), events.duplicated(), recoverSeconds);
        System.out.println(row.line());
        assertThat(row.nothingLost()).as(row.line()).isTrue();
        assertThat(finals).as("final events").allMatch(e -> e.type() == SyncEvent.Type.SYNCED);
    }

    @Test
    void reconcileResumesFromTheRetainedCheckpointOnANewClusterAndFindsThePlantedDifferencesOnce() throws Exception {
        String table = "jm_reconcile";
        int records = ChaosSize.RECORDS * 2;
        stores.load(table, records, DIM);
        List<String> migrate = stores.migrateArgs(table, table);
        migrate.addAll(List.of("--checkpoint-dir", tempDir.resolve("reconcile-migrate").toString(),
                "--dead-letter", tempDir.resolve("reconcile-migrate-dead.jsonl").toString()));
        MigrationTestStores.Run migrated = MigrationTestStores.migrate(migrate);
        assertThat(migrated.exitCode()).as(migrated.err()).isZero();
        Map<String, RepairRecord.Kind> planted;
        try (SurrealClient client = stores.surrealClient(); QdrantConnection qdrant = stores.qdrantConnection()) {
            planted = PlantedDrift.plant(client, qdrant, table, table, records, DIM);
        }
        Path report = tempDir.resolve("reconcile-report.json");
        List<String> args = stores.migrateArgs(table, table);
        args.addAll(List.of("--job-jar", jobJar().toString(), "--rest-timeout", "2s", "--parallelism", "2",
                "--partitions", "64", "--checkpoint-dir", tempDir.resolve("reconcile-checkpoints").toString(),
                "--checkpoint-interval", "1s", "--findings", tempDir.resolve("reconcile-findings.jsonl").toString(),
                "--report", report.toString()));
        // slow enough that the JobManager dies mid-run, after a checkpoint
        stores.qdrant.faults().latency(Duration.ofMillis(150));
        SubmitRun run = SubmitRun.reconcile(withJobManager(args));
        String jobId = Await.until(RUN_TIMEOUT, "the reconciliation running", () -> runningJob(run, "<-> " + table),
                id -> !id.isEmpty());
        Await.until(RUN_TIMEOUT, "a completed checkpoint", () -> rest.checkpoints(jobId).completed(), n -> n >= 1);
        long killedAt = System.nanoTime();
        cluster.killHard("jobmanager");
        restartJobManager();
        int firstExit = run.awaitExit(RUN_TIMEOUT);
        assertThat(firstExit).as(run.output()).isNotZero();

        stores.qdrant.faults().reset();
        List<String> resumed = withJobManager(args);
        resumed.add("--resume");
        SubmitRun second = SubmitRun.reconcile(resumed);
        int exit = second.awaitExit(RUN_TIMEOUT);
        double recoverSeconds = (System.nanoTime() - killedAt) / 1e9;
        System.out.println(second.output());
        assertThat(exit).as("exit code 1: differences found, none repaired (a dry run)\n" + second.output()).isEqualTo(1);

        FaultRow row = PlantedDrift.row("jobmanager-kill-9", "resumed-from-retained-checkpoint", planted, report, recoverSeconds);
        System.out.println(row.line());
        assertThat(row.nothingLost()).as(row.line()).isTrue();
    }

    private static List<String> withJobManager(List<String> args) {
        List<String> all = new ArrayList<>(args);
        all.addAll(List.of("--jobmanager", cluster.restUri().toString()));
        return all;
    }

    /** The id of the job a detached submit started. */
    private static String submitted(SubmitRun run) throws Exception {
        assertThat(run.awaitExit(RUN_TIMEOUT)).as(run.output()).isZero();
        Matcher id = SUBMITTED.matcher(run.output());
        assertThat(id.find()).as(run.output()).isTrue();
        return id.group(1);
    }

    private static List<SyncEvent> finalEvents(String topic) {
        return EventTally.read(kafka.bootstrapServers(), topic).stream()
                .filter(e -> e.type() != SyncEvent.Type.RETRYING).collect(Collectors.toList());
    }

    /** {@code cortex-sync stop} of the running job into {@code collection}: it ends with a savepoint. */
    private static void stopWithSavepoint(String collection) {
        // "... -> collection" (cdc) or "... + collection" (dual-write)
        String job = runningJob(null, " " + collection);
        CommandRun stop = CommandRun.run(StopCommand::new, "--jobmanager", cluster.restUri().toString(), "--job", job,
                "--timeout", "2min");
        assertThat(stop.exitCode()).as(stop.toString()).isZero();
    }

    /** The id of the running job whose name ends with {@code suffix}, or "" while there is none. */
    private static String runningJob(SubmitRun run, String suffix) {
        if (run != null && run.isDone()) {
            throw new AssertionError("submit ended early:\n" + run.output());
        }
        for (var job : rest.get("jobs/overview").path("jobs")) {
            if (job.path("name").asText().endsWith(suffix) && job.path("state").asText().equals("RUNNING")) {
                return job.path("jid").asText();
            }
        }
        return "";
    }

    private static StoreComparison compareStores(String table) throws Exception {
        try (SurrealClient client = stores.surrealClient(); QdrantConnection qdrant = stores.qdrantConnection()) {
            return StoreComparison.of(client, qdrant, table, table, DIM);
        }
    }

    private static void awaitStoresEqual(String table) throws Exception {
        try (QdrantConnection qdrant = stores.qdrantConnection()) {
            Await.until(RUN_TIMEOUT, "Qdrant equal to SurrealDB in " + table, () -> {
                try (SurrealClient client = stores.surrealClient()) {
                    return qdrant.client().collectionExistsAsync(table).get(30, TimeUnit.SECONDS)
                            && StoreStates.surreal(client, table, "vector", DIM).equals(StoreStates.qdrant(qdrant, table));
                }
            }, equal -> equal);
        }
    }

    private static Path jobJar() throws Exception {
        Path target = LocalCluster.projectDir().resolve("jobs/target");
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(target, "cortex-sync-jobs-*-job.jar")) {
            for (Path jar : jars) {
                return jar;
            }
        }
        throw new IllegalStateException("no shaded job jar in " + target + "; run 'mvn -pl jobs -am package' first");
    }
}
