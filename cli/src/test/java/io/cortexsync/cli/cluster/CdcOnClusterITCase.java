package io.cortexsync.cli.cluster;

import io.cortexsync.cli.chaos.ChangeLoad;
import io.cortexsync.cli.chaos.FaultRow;
import io.cortexsync.cli.run.StoreStates;
import io.cortexsync.connector.qdrant.client.QdrantConnection;
import io.cortexsync.connector.qdrant.client.QdrantConnectionConfig;
import io.cortexsync.connector.surrealdb.client.Statement;
import io.cortexsync.connector.surrealdb.client.SurrealClient;
import io.cortexsync.connector.surrealdb.client.SurrealRecordId;
import io.cortexsync.schema.json.SchemaJson;
import io.cortexsync.schema.model.SyncEvent;
import io.cortexsync.testkit.kafka.EmbeddedKafka;
import io.cortexsync.testkit.kafka.TopicReader;

import org.apache.flink.api.common.JobStatus;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.charset.StandardCharsets;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code submit cdc} on a local session cluster: detached submit, a TaskManager killed with
 * SIGKILL while changes stream in, a stop with a savepoint, and an upgrade that resumes from it at
 * another parallelism. Qdrant ends holding exactly SurrealDB's records, and a read_committed
 * consumer sees exactly one event per change over both runs: no change skipped, none repeated.
 */
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class CdcOnClusterITCase {

    private static final int DIM = 8;
    private static final String TABLE = "live";
    /** The snapshot's size: 1,000 in CI; scripts/chaos.sh runs it larger. */
    private static final int RECORDS = Integer.getInteger("cortexsync.chaos.records", 1000);
    private static final Pattern SUBMITTED = Pattern.compile("submitted job ([0-9a-f]{32})");

    @TempDir
    static Path tempDir;

    private static ClusterTestStores stores;
    /** From the kill to the job checkpointing again after its restore. */
    private double recoverSeconds = Double.NaN;
    private static EmbeddedKafka kafka;
    private static LocalCluster cluster;
    private static FlinkRestClient rest;

    @BeforeAll
    static void start() throws Exception {
        stores = ClusterTestStores.start(tempDir);
        kafka = EmbeddedKafka.builder().build();
        kafka.start();
        try (SurrealClient client = stores.surrealClient()) {
            client.queryBatch(List.of(Statement.of("DEFINE TABLE " + TABLE + " CHANGEFEED 1h")));
        }
        stores.load(TABLE, RECORDS, DIM);
        cluster = LocalCluster.start(LocalCluster.runDirFor(CdcOnClusterITCase.class),
                "heartbeat.interval=1000 heartbeat.timeout=6000 rest.cache.checkpoint-statistics.timeout=100ms");
        rest = new FlinkRestClient(cluster.restUri(), Duration.ofSeconds(30));
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
    void survivesAKilledTaskManagerAndUpgradesAtAnotherParallelismWithEveryChangeOnce() throws Exception {
        Map<String, Integer> changes = new TreeMap<>();
        for (int i = 0; i < RECORDS; i++) {
            changes.put(SurrealRecordId.of(TABLE, String.format("e-%06d", i)).toString(), 1);
        }
        List<String> args = new ArrayList<>(stores.migrateArgs(TABLE, "cdc_cluster"));
        args.addAll(List.of("--jobmanager", cluster.restUri().toString(),
                "--checkpoint-dir", tempDir.resolve("checkpoints").toString(), "--checkpoint-interval", "2s",
                "--dead-letter", tempDir.resolve("dead.jsonl").toString(), "--poll-interval", "100ms",
                "--kafka-bootstrap", kafka.bootstrapServers(), "--events-topic", "cluster-events", "--topic-partitions", "2"));

        String first = submit(args, "--parallelism", "2");
        awaitStoresEqual(first);
        try (ChangeLoad writer = ChangeLoad.start(stores::surrealClient, new ReentrantLock(), TABLE, DIM, RECORDS, 0, changes)) {
            Await.until(Duration.ofSeconds(60), "changes streaming", writer::written, n -> n >= 200);
            String victim = LocalCluster.taskManagerRunning(rest, first);
            long completedAtKill = rest.checkpoints(first).completed();
            long killedAt = System.nanoTime();
            cluster.killHard(victim);
            System.out.printf("killed %s with %d changes written%n", victim, writer.written());
            // recovered: restored from a checkpoint, and checkpointing again
            Await.until(Duration.ofSeconds(120), "the job restored and checkpointing again", () -> rest.checkpoints(first),
                    stats -> stats.restored() >= 1 && stats.completed() > completedAtKill);
            recoverSeconds = (System.nanoTime() - killedAt) / 1e9;
            Await.until(Duration.ofSeconds(60), "more changes after the kill", writer::written, n -> n >= 600);
        }
        awaitStoresEqual(first);
        // the JobManager fetches the TaskManagers' metrics every few seconds: the lag shows once fetched
        Command status = Await.until(Duration.ofSeconds(60), "status with the job's lag",
                () -> run(StatusCommand::new, "--jobmanager", cluster.restUri().toString()),
                s -> s.output.lines().anyMatch(line -> line.startsWith(first) && line.contains(" RUNNING ")
                        && line.matches(".*#\\d+ \\S+ ago\\s+\\d+\\S*$")));
        assertThat(status.exit).as(status.output).isZero();
        assertThat(status.output).as("status").contains("cortex-sync cdc live -> cdc_cluster");
        System.out.print(status.output);
        Command unknown = run(StopCommand::new, "--jobmanager", cluster.restUri().toString(), "--job", "0123456789abcdef0123456789abcdef");
        assertThat(unknown.exit).as(unknown.output).isEqualTo(1);
        assertThat(unknown.output.strip().lines()).as(unknown.output).hasSize(1);
        String savepoint = stopWithSavepoint(first);
        assertThat(savepoint).contains("cdc-cdc_cluster-").contains("savepoints");

        // changes while no job runs; the upgrade resumes from the savepoint at another parallelism
        try (ChangeLoad writer = ChangeLoad.start(stores::surrealClient, new ReentrantLock(), TABLE, DIM, RECORDS, 1, changes)) {
            Await.until(Duration.ofSeconds(60), "changes while stopped", writer::written, n -> n >= 150);
        }
        String second = submit(args, "--parallelism", "1", "--resume");
        awaitStoresEqual(second);
        try (ChangeLoad writer = ChangeLoad.start(stores::surrealClient, new ReentrantLock(), TABLE, DIM, RECORDS, 2, changes)) {
            Await.until(Duration.ofSeconds(60), "changes after the upgrade", writer::written, n -> n >= 150);
        }
        awaitStoresEqual(second);
        stopWithSavepoint(second);

        List<SyncEvent> events = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : TopicReader.readAll(kafka.bootstrapServers(), "cluster-events",
                "read_committed", Duration.ofSeconds(60))) {
            events.add(SchemaJson.SYNC_EVENT.read(new String(record.value(), StandardCharsets.UTF_8)));
        }
        int uncommitted = TopicReader.readAll(kafka.bootstrapServers(), "cluster-events", "read_uncommitted",
                Duration.ofSeconds(60)).size();
        System.out.printf("events: read_committed %d, read_uncommitted %d%n", events.size(), uncommitted);
        Map<String, Long> repeated = events.stream().collect(Collectors.groupingBy(SyncEvent::requestId, Collectors.counting()))
                .entrySet().stream().filter(e -> e.getValue() > 1).collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        Map<String, Integer> perRecord = new TreeMap<>();
        events.forEach(e -> perRecord.merge(e.entityId(), 1, Integer::sum));
        printFaultRow(changes, perRecord, repeated);
        assertThat(repeated).as("request ids seen more than once").isEmpty();
        assertThat(perRecord).as("events per record: its snapshot read and each change").containsExactlyInAnyOrderEntriesOf(changes);
    }

    /** The fault matrix's row of this run: the stores at the end, events against changes, the time to recover. */
    private void printFaultRow(Map<String, Integer> changes, Map<String, Integer> perRecord, Map<String, Long> repeated)
            throws Exception {
        Map<String, String> surreal;
        Map<String, String> qdrant;
        try (SurrealClient client = stores.surrealClient(); QdrantConnection connection = stores.qdrantConnection()) {
            surreal = StoreStates.surreal(client, TABLE, "vector", DIM);
            qdrant = StoreStates.qdrant(connection, "cdc_cluster");
        }
        long[] points = FaultRow.compare(surreal, qdrant);
        long lost = 0;
        for (Map.Entry<String, Integer> change : changes.entrySet()) {
            lost += Math.max(0, change.getValue() - perRecord.getOrDefault(change.getKey(), 0));
        }
        long duplicated = repeated.values().stream().mapToLong(n -> n - 1).sum();
        System.out.println(new FaultRow("cdc", "taskmanager-kill-9", "restarted-from-checkpoint", surreal.size(),
                surreal.size(), points[0], points[1], points[2], lost, duplicated, recoverSeconds).line());
    }

    private static String submit(List<String> args, String... more) throws Exception {
        List<String> all = new ArrayList<>(args);
        all.addAll(List.of(more));
        SubmitRun run = SubmitRun.cdc(all);
        assertThat(run.awaitExit(Duration.ofMinutes(3))).as(run.output()).isZero();
        Matcher id = SUBMITTED.matcher(run.output());
        assertThat(id.find()).as(run.output()).isTrue();
        return id.group(1);
    }

    /** {@code cortex-sync stop}: the job ends with a savepoint beside its checkpoints; returns its path. */
    private static String stopWithSavepoint(String jobId) {
        Command stop = run(StopCommand::new, "--jobmanager", cluster.restUri().toString(), "--job", jobId, "--timeout", "2min");
        assertThat(stop.exit).as(stop.output).isZero();
        String path = stop.output.strip().lines().reduce((a, b) -> b).orElse("");
        assertThat(rest.job(jobId).state()).isEqualTo(JobStatus.FINISHED);
        assertThat(Path.of(URI.create(path)).resolve("_metadata")).as(stop.output).exists();
        return path;
    }

    private record Command(int exit, String output) {}

    /** Runs a command whose output goes to the streams it is given, as the command line would. */
    private static Command run(BiFunction<PrintStream, PrintStream, Object> command, String... args) {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream stream = new PrintStream(printed, true, StandardCharsets.UTF_8);
        CommandLine cli = new CommandLine(command.apply(stream, stream));
        cli.setOut(new PrintWriter(stream, true));
        cli.setErr(new PrintWriter(stream, true));
        int exit = cli.execute(args);
        return new Command(exit, printed.toString(StandardCharsets.UTF_8));
    }

    private static void awaitStoresEqual(String jobId) throws Exception {
        try (QdrantConnection qdrant = QdrantConnection.open(QdrantConnectionConfig.builder()
                .host(stores.qdrant.host()).port(stores.qdrant.port()).build())) {
            @SuppressWarnings("unchecked")
            Map<String, String>[] last = new Map[2];
            try {
                Await.until(Duration.ofMinutes(3), "Qdrant equal to SurrealDB", () -> {
                    try (SurrealClient client = stores.surrealClient()) {
                        last[0] = StoreStates.surreal(client, TABLE, "vector", DIM);
                    }
                    last[1] = qdrant.client().collectionExistsAsync("cdc_cluster").get(30, TimeUnit.SECONDS)
                            ? StoreStates.qdrant(qdrant, "cdc_cluster") : Map.of();
                    return last[0].equals(last[1]);
                }, equal -> equal);
            } catch (AssertionError e) {
                throw new AssertionError("job " + rest.job(jobId) + ": Qdrant has " + last[1].size() + " points, SurrealDB "
                        + last[0].size() + " records; exceptions " + rest.exceptions(jobId), e);
            }
        }
    }
}
