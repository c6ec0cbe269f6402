package io.cortexsync.cli.cluster;

import io.cortexsync.cli.CortexSyncCli;
import io.cortexsync.cli.chaos.FaultRow;
import io.cortexsync.cli.run.ResumePoint;
import io.cortexsync.cli.run.ResumePoints;
import io.cortexsync.cli.run.StoreStates;
import io.cortexsync.connector.qdrant.client.QdrantConnection;
import io.cortexsync.connector.surrealdb.client.SurrealClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code submit migrate} on a real session cluster (scripts/local-cluster.sh: a JobManager and two
 * TaskManagers, each its own JVM) over 100,000 entities. The vectors are 16-dimensional to keep the
 * run short: failover and resume do not depend on the vector size.
 */
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class MigrateOnClusterITCase {

    private static final int ENTITIES = 100_000;
    private static final int DIM = 16;
    private static final String TABLE = "entity";
    /** The resume test runs twice: a smaller table keeps it short. */
    private static final int RESUME_ENTITIES = 30_000;
    private static final String RESUME_TABLE = "resumed";
    /**
     * Points per request of the cancelled run. With the default 1,024, the points in flight (8,192)
     * are more than half of the 15,000 left at half way, and the job could end before the test
     * cancels it.
     */
    private static final int RESUME_BATCH = 128;
    private static final Duration CHECKPOINT_INTERVAL = Duration.ofSeconds(2);
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(3);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tempDir;

    private static ClusterTestStores stores;
    private static LocalCluster cluster;
    private static FlinkRestClient rest;

    @BeforeAll
    static void start() throws Exception {
        long started = System.nanoTime();
        stores = ClusterTestStores.start(tempDir);
        stores.load(TABLE, ENTITIES, DIM);
        stores.load(RESUME_TABLE, RESUME_ENTITIES, DIM);
        long loaded = System.nanoTime();
        // Fast heartbeats: the JobManager notices a killed TaskManager in seconds, not in 50 s. Fresh
        // checkpoint statistics: the REST API caches them for 3 s by default, and the kill must follow
        // a checkpoint's completion, not a reading taken up to 3 s after it.
        cluster = LocalCluster.start(LocalCluster.runDirFor(MigrateOnClusterITCase.class),
                "heartbeat.interval=1000 heartbeat.timeout=6000 rest.cache.checkpoint-statistics.timeout=100ms");
        rest = new FlinkRestClient(cluster.restUri(), Duration.ofSeconds(30));
        log("loaded %,d entities in %.1f s, cluster up in %.1f s%n", ENTITIES,
                (loaded - started) / 1e9, (System.nanoTime() - loaded) / 1e9);
    }

    /** A test that ends early must not leave its injected latency to the next one. */
    @AfterEach
    void clearInjectedFaults() {
        stores.qdrant.faults().reset();
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
    void killedTaskManagerHalfwayRestartsFromTheLastCheckpointAndLosesNothing() throws Exception {
        String collection = "failover";
        Path report = tempDir.resolve("failover-report.json");
        long before = stores.qdrant.upsertedPointCount();
        SubmitRun run;
        long killedAt;
        double recoverSeconds;
        long sinceLastCheckpoint;
        long intervalWorth;
        String killed;
        try (UpsertTimeline timeline = new UpsertTimeline(() -> stores.qdrant.upsertedPointCount() - before)) {
            run = SubmitRun.start(submitArgs(TABLE, collection, report, true));
            String jobId = awaitRunningJob(collection, run);
            log("job %s runs", jobId);
            Await.until(RUN_TIMEOUT, "half the entities written after a completed checkpoint",
                    () -> new long[] {timeline.pointsAt(System.currentTimeMillis()), rest.checkpoints(jobId).completed()},
                    r -> r[0] >= ENTITIES / 2 && r[1] >= 1);
            // The kill follows the next completed checkpoint, within one interval of its start. Killed
            // any later, while the next checkpoint is still running, the restart would also rewrite
            // that checkpoint's own duration's worth: that measures how long a checkpoint takes on a
            // busy machine, not how far back a restart goes.
            killed = LocalCluster.taskManagerRunning(rest, jobId);
            long completedAtHalf = rest.checkpoints(jobId).completed();
            Await.until(RUN_TIMEOUT, "the next checkpoint completes", () -> rest.checkpoints(jobId).completed(),
                    completed -> completed > completedAtHalf);
            killedAt = System.currentTimeMillis();
            cluster.killHard(killed);
            Await.until(RUN_TIMEOUT, "the job restored from a checkpoint", () -> rest.checkpoints(jobId).restored(), n -> n >= 1);
            recoverSeconds = (System.currentTimeMillis() - killedAt) / 1000.0;
            long lastCheckpointTriggered = latestCompletedCheckpointTrigger(jobId);
            sinceLastCheckpoint = timeline.pointsAt(killedAt) - timeline.pointsAt(lastCheckpointTriggered);
            intervalWorth = timeline.maxWrittenWithin(CHECKPOINT_INTERVAL, killedAt);
            JsonNode lastCompleted = rest.get("jobs/" + jobId + "/checkpoints").path("latest").path("completed");
            log("killed %s at %,d points written; %,d written since the last completed checkpoint began "
                    + "(%d ms before the kill; it took %d ms)%n", killed, timeline.pointsAt(killedAt), sinceLastCheckpoint,
                    killedAt - lastCheckpointTriggered, lastCompleted.path("end_to_end_duration").asLong());
            log("kill sent %d ms after the checkpoint's last acknowledgement; killHard took %d ms",
                    killedAt - lastCompleted.path("latest_ack_timestamp").asLong(), System.currentTimeMillis() - killedAt);

            Await.until(RUN_TIMEOUT, "the job ends", () -> rest.job(jobId), JobInfo::isTerminal);
            log("job %s ended; submit verifies", jobId);
            int exit = run.awaitExit(RUN_TIMEOUT);
            log("submit ended");
            assertThat(exit).as(run.output()).isZero();

            CheckpointStats checkpoints = rest.checkpoints(jobId);
            assertThat(checkpoints.restored()).as("restores from a checkpoint").isGreaterThanOrEqualTo(1);
            assertThat(rest.exceptions(jobId)).as("the failure the job recovered from").isNotEmpty();
        }

        long written = stores.qdrant.upsertedPointCount() - before;
        long writtenTwice = written - ENTITIES;
        log("failover: %,d points written for %,d entities: %,d written twice; one checkpoint interval (%s) "
                + "is at most %,d points at the rate seen before the kill%n", written, ENTITIES, writtenTwice,
                CHECKPOINT_INTERVAL, intervalWorth);

        printFaultRow(collection, recoverSeconds);
        JsonNode json = JSON.readTree(report.toFile());
        assertThat(json.path("status").asText()).isEqualTo("FINISHED");
        assertThat(json.path("successful").asLong()).isEqualTo(ENTITIES);
        assertThat(json.path("verification").path("totalVerified").asLong()).isEqualTo(ENTITIES);
        assertThat(json.path("verification").path("correct").asLong()).isEqualTo(ENTITIES);
        assertThat(json.path("verification").path("incorrect").asLong()).isZero();
        assertThat(pointCount(collection)).isEqualTo(ENTITIES);
        assertThat(writtenTwice).isGreaterThanOrEqualTo(0).isLessThanOrEqualTo(intervalWorth);
        assertNoClassLoadingErrorsInTaskManagerLogs();
    }

    /** The fault matrix's row: both stores compared at the end (a migration publishes no events). */
    private static void printFaultRow(String collection, double recoverSeconds) throws Exception {
        Map<String, String> surreal;
        Map<String, String> qdrant;
        try (SurrealClient client = stores.surrealClient(); QdrantConnection connection = stores.qdrantConnection()) {
            surreal = StoreStates.surreal(client, TABLE, "vector", DIM);
            qdrant = StoreStates.qdrant(connection, collection);
        }
        long[] points = FaultRow.compare(surreal, qdrant);
        System.out.println(new FaultRow("migrate", "taskmanager-kill-9", "restarted-from-checkpoint", surreal.size(),
                surreal.size(), points[0], points[1], points[2], -1, -1, recoverSeconds).line());
    }

    @Test
    void cancelledRunResumesFromItsLastCheckpointWithNothingLost() throws Exception {
        String collection = "resume";
        Path report = tempDir.resolve("resume-report.json");
        long before = stores.qdrant.upsertedPointCount();

        long checkpointed;
        long writtenFirst;
        // The sink's pace is set by its batches in flight (2 writers x 4 batches x RESUME_BATCH points)
        // over the injected latency: 400 ms from the start, so that an idle machine cannot finish the
        // job before the test sees half of it written; 3 s after that (past the sink's target latency,
        // so its batches shrink too). A checkpoint then completes within two round trips, while the
        // half left takes minutes: the job is still running when it is cancelled.
        stores.qdrant.faults().latency(Duration.ofMillis(400));
        try (UpsertTimeline timeline = new UpsertTimeline(() -> stores.qdrant.upsertedPointCount() - before)) {
            List<String> firstArgs = submitArgs(RESUME_TABLE, collection, report, true);
            firstArgs.addAll(List.of("--batch-size", String.valueOf(RESUME_BATCH)));
            SubmitRun first = SubmitRun.start(firstArgs);
            String firstJob = awaitRunningJob(collection, first);
            log("job %s runs", firstJob);
            Await.until(RUN_TIMEOUT, "half the entities written", () -> timeline.pointsAt(System.currentTimeMillis()),
                    points -> points >= RESUME_ENTITIES / 2);
            long halfAt = System.currentTimeMillis();
            stores.qdrant.faults().latency(Duration.ofSeconds(3));
            try {
                // begun after half was written, so that it holds more than half of the table
                Await.until(RUN_TIMEOUT, "a checkpoint begun past half way completes",
                        () -> latestCompletedCheckpointTrigger(firstJob), triggered -> triggered > halfAt);
                rest.cancel(firstJob);
                assertThat(first.awaitExit(RUN_TIMEOUT)).as(first.output()).isEqualTo(1);
            } finally {
                stores.qdrant.faults().reset();
            }
            assertThat(JSON.readTree(report.toFile()).path("status").asText()).isEqualTo("CANCELED");
            // Everything written before the last checkpoint began is in it and is not written again.
            checkpointed = timeline.pointsAt(latestCompletedCheckpointTrigger(firstJob));
            writtenFirst = stores.qdrant.upsertedPointCount() - before;
            log("cancelled %s after %,d points, %,d of them before its last checkpoint; resuming", firstJob,
                    writtenFirst, checkpointed);
        }

        List<String> resumeArgs = submitArgs(RESUME_TABLE, collection, report, true);
        resumeArgs.add("--resume");
        SubmitRun second = SubmitRun.start(resumeArgs);
        assertThat(second.awaitExit(RUN_TIMEOUT)).as(second.output()).isZero();
        long writtenSecond = stores.qdrant.upsertedPointCount() - before - writtenFirst;

        log("resume: the cancelled run wrote %,d points, the resumed run %,d (a run from zero writes %,d)%n",
                writtenFirst, writtenSecond, RESUME_ENTITIES);
        JsonNode json = JSON.readTree(report.toFile());
        assertThat(json.path("status").asText()).isEqualTo("FINISHED");
        assertThat(json.path("resumedFrom").asText()).contains("chk-");
        assertThat(json.path("successful").asLong()).isEqualTo(RESUME_ENTITIES);
        assertThat(json.path("verification").path("totalVerified").asLong()).isEqualTo(RESUME_ENTITIES);
        assertThat(json.path("verification").path("correct").asLong()).isEqualTo(RESUME_ENTITIES);
        assertThat(json.path("verification").path("incorrect").asLong()).isZero();
        assertThat(pointCount(collection)).isEqualTo(RESUME_ENTITIES);
        // The resumed run writes only what the cancelled one had not checkpointed.
        assertThat(writtenFirst + writtenSecond).isGreaterThanOrEqualTo(RESUME_ENTITIES);
        assertThat(writtenSecond).isLessThanOrEqualTo(RESUME_ENTITIES - checkpointed);
        assertThat(writtenSecond).isLessThanOrEqualTo(RESUME_ENTITIES / 2);
        assertThat(json.path("pointsWritten").asLong()).isEqualTo(writtenSecond);
    }

    /**
     * The life cycle of a job on a cluster from the command line: {@code status} lists a running
     * migration with its last checkpoint, {@code stop} stops it with a savepoint in the migration's
     * own savepoint directory (next to its checkpoints) and {@link ResumePoints} finds that savepoint.
     * A second stop, and a stop of a job the cluster does not know, fail in one line.
     */
    @Test
    void statusListsARunningJobAndStopLeavesASavepointThatResumeFinds() throws Exception {
        String collection = "stopped";
        List<String> args = submitArgs(RESUME_TABLE, collection, tempDir.resolve("stopped-report.json"), false);
        args.addAll(List.of("--batch-size", String.valueOf(RESUME_BATCH)));
        List<String> migrateArgs = new ArrayList<>(stores.migrateArgs(RESUME_TABLE, collection));
        migrateArgs.addAll(List.of("--checkpoint-dir", tempDir.resolve("checkpoints").toString()));
        String checkpointUri = CortexSyncCli.parseMigrateOptions(migrateArgs.toArray(new String[0])).checkpointUri();
        String jobManager = cluster.restUri().toString();

        // slow upserts (as in the resume test): the job still runs when it is stopped
        stores.qdrant.faults().latency(Duration.ofMillis(400));
        SubmitRun run = SubmitRun.start(args);
        String jobId = awaitRunningJob(collection, run);
        CheckpointStats checkpoint = Await.until(RUN_TIMEOUT, "a checkpoint of " + jobId + " completes",
                () -> rest.checkpoints(jobId), CheckpointStats::hasCompleted);
        long statusStarted = System.nanoTime();
        CommandRun status = CommandRun.run(StatusCommand::new, "--jobmanager", jobManager);
        CommandRun statusJson = CommandRun.run(StatusCommand::new, "--jobmanager", jobManager, "--json");
        long statusMillis = (System.nanoTime() - statusStarted) / 2_000_000;
        captureRestAnswers(jobId);
        log("status (%d ms per run):%n%s", statusMillis, status.out());

        assertThat(status.exitCode()).as(status.toString()).isZero();
        String line = status.out().lines().filter(l -> l.startsWith(jobId)).findFirst()
                .orElseThrow(() -> new AssertionError("status lists no line for " + jobId + ":\n" + status));
        assertThat(line).contains("cortex-sync migrate " + RESUME_TABLE + " -> " + collection).contains(" RUNNING ")
                .containsPattern(" #\\d+ \\S+ ago ");
        JsonNode listed = null;
        for (JsonNode job : JSON.readTree(statusJson.out())) {
            listed = job.path("id").asText().equals(jobId) ? job : listed;
        }
        assertThat(listed).as(statusJson.toString()).isNotNull();
        assertThat(listed.path("state").asText()).isEqualTo("RUNNING");
        assertThat(listed.path("lastCheckpoint").path("id").asLong()).isGreaterThanOrEqualTo(checkpoint.latestCompletedId());
        // a migration reads no change feed: its reader has no lag gauge
        assertThat(listed.path("lagMs").isNull()).as(statusJson.out()).isTrue();

        long stopStarted = System.nanoTime();
        CommandRun stop = CommandRun.run(StopCommand::new, "--jobmanager", jobManager, "--job", jobId, "--timeout", "90s");
        long stopMillis = (System.nanoTime() - stopStarted) / 1_000_000;
        stores.qdrant.faults().reset();
        log("stop took %d ms: %s", stopMillis, stop);
        assertThat(stop.exitCode()).as(stop.toString()).isZero();
        String savepoint = stop.out().trim();
        assertThat(Path.of(URI.create(savepoint)).getParent()).as("the migration's own savepoint directory")
                .isEqualTo(Path.of(URI.create(ResumePoints.savepointDirectory(checkpointUri))));
        assertThat(Path.of(URI.create(savepoint)).getFileName().toString()).startsWith("savepoint-");
        assertThat(Path.of(URI.create(savepoint)).resolve("_metadata")).isRegularFile();
        assertThat(rest.job(jobId).state()).isEqualTo(org.apache.flink.api.common.JobStatus.FINISHED);
        assertThat(ResumePoints.latest(checkpointUri)).as("what --resume would restore").hasValueSatisfying(point -> {
            assertThat(point.kind()).isEqualTo(ResumePoint.Kind.SAVEPOINT);
            assertThat(Path.of(URI.create(point.path()))).isEqualTo(Path.of(URI.create(savepoint)));
        });
        run.awaitExit(RUN_TIMEOUT);

        CommandRun again = CommandRun.run(StopCommand::new, "--jobmanager", jobManager, "--job", jobId, "--timeout", "10s");
        CommandRun unknown = CommandRun.run(StopCommand::new, "--jobmanager", jobManager,
                "--job", "0123456789abcdef0123456789abcdef", "--timeout", "10s");
        log("stop of the stopped job: %s%nstop of an unknown job: %s", again, unknown);
        assertThat(again.exitCode()).as(again.toString()).isEqualTo(1);
        assertThat(again.err().lines()).as(again.toString()).singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                .contains(jobId).contains("FINISHED");
        assertThat(again.out()).isEmpty();
        assertThat(unknown.exitCode()).as(unknown.toString()).isEqualTo(1);
        assertThat(unknown.err().lines()).as(unknown.toString()).singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                .isEqualTo("cortex-sync stop: no job 0123456789abcdef0123456789abcdef on " + rest.baseUri());
    }

    /** Keeps the REST answers {@code status} reads, for a look and as samples of the unit tests' JSON. */
    private static void captureRestAnswers(String jobId) throws IOException {
        Path dir = LocalCluster.projectDir().resolve("cli/target/flink-rest");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("jobs-overview.json"), rest.get("jobs/overview").toPrettyString());
        Files.writeString(dir.resolve("job.json"), rest.get("jobs/" + jobId).toPrettyString());
        Files.writeString(dir.resolve("job-config.json"), rest.get("jobs/" + jobId + "/config").toPrettyString());
        Files.writeString(dir.resolve("job-checkpoints.json"), rest.get("jobs/" + jobId + "/checkpoints").toPrettyString());
        JsonNode source = rest.get("jobs/" + jobId).path("vertices").get(0);
        String metrics = "jobs/" + jobId + "/vertices/" + source.path("id").asText() + "/subtasks/metrics";
        JsonNode available = rest.get(metrics);
        Files.writeString(dir.resolve("source-subtasks-metrics.json"), available.toPrettyString());
        List<String> ids = new ArrayList<>();
        available.forEach(m -> ids.add(m.path("id").asText()));
        String sourceGauges = ids.stream().filter(id -> id.endsWith(".currentEmitEventTimeLag") || id.endsWith(".numRecordsOut")
                || id.endsWith("currentInputWatermark")).reduce((a, b) -> a + "," + b).orElse("numRecordsOut");
        Files.writeString(dir.resolve("source-subtasks-metrics-max.json"),
                rest.get(metrics + "?agg=max&get=" + java.net.URLEncoder.encode(sourceGauges, java.nio.charset.StandardCharsets.UTF_8))
                        .toPrettyString());
    }

    private static void log(String format, Object... args) {
        System.out.printf("%tT %s%n", System.currentTimeMillis(), String.format(format, args).trim());
    }

    private List<String> submitArgs(String table, String collection, Path report, boolean verify) throws IOException {
        List<String> args = stores.migrateArgs(table, collection);
        args.addAll(List.of(
                "--jobmanager", cluster.restUri().toString(),
                "--job-jar", jobJar().toString(),
                "--parallelism", "2",
                "--checkpoint-dir", tempDir.resolve("checkpoints").toString(),
                "--checkpoint-interval", CHECKPOINT_INTERVAL.toSeconds() + "s",
                "--dead-letter", tempDir.resolve(collection + "-dead-letter.jsonl").toString(),
                "--report", report.toString(),
                "--progress-interval", "2s",
                verify ? "--verify" : "--no-verify"));
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

    /** The id of the migration job into {@code collection} once it runs on the cluster. */
    private static String awaitRunningJob(String collection, SubmitRun run) throws Exception {
        return Await.until(RUN_TIMEOUT, "the job into " + collection + " runs", () -> {
            if (run.isDone()) {
                throw new AssertionError("submit ended early:\n" + run.output());
            }
            for (JsonNode job : rest.get("jobs/overview").path("jobs")) {
                if (job.path("name").asText().endsWith("-> " + collection) && job.path("state").asText().equals("RUNNING")) {
                    return Optional.of(job.path("jid").asText());
                }
            }
            return Optional.<String>empty();
        }, Optional::isPresent).orElseThrow();
    }

    /** A TaskManager that runs a subtask of the job: killing it loses running work. */
    private static long latestCompletedCheckpointTrigger(String jobId) {
        return rest.get("jobs/" + jobId + "/checkpoints").path("latest").path("completed").path("trigger_timestamp").asLong();
    }

    private static long pointCount(String collection) throws Exception {
        try (var connection = io.cortexsync.connector.qdrant.client.QdrantConnection.open(
                io.cortexsync.connector.qdrant.client.QdrantConnectionConfig.builder()
                        .host(stores.qdrant.host()).port(stores.qdrant.port()).build())) {
            return connection.client().countAsync(collection).get(30, TimeUnit.SECONDS);
        }
    }

    /** gRPC threads outliving the job's class loader show up as NoClassDefFoundError in the TaskManager logs. */
    private static void assertNoClassLoadingErrorsInTaskManagerLogs() throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> logs = Files.list(cluster.runDir().resolve("log"))) {
            for (Path log : logs.filter(p -> p.getFileName().toString().startsWith("taskmanager")).toList()) {
                try (Stream<String> lines = Files.lines(log)) {
                    lines.filter(l -> l.contains("NoClassDefFoundError") || l.contains("ClassNotFoundException"))
                            .forEach(l -> found.add(log.getFileName() + ": " + l));
                }
            }
        }
        assertThat(found).isEmpty();
    }
}
