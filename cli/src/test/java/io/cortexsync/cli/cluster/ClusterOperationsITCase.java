package io.cortexsync.cli.cluster;

import io.cortexsync.connector.qdrant.client.QdrantConnection;
import io.cortexsync.connector.surrealdb.client.SurrealClient;
import io.cortexsync.connector.surrealdb.client.SurrealRecordId;
import io.cortexsync.schema.ids.PointIds;
import io.cortexsync.schema.ids.RecordId;
import io.cortexsync.schema.model.PayloadFields;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qdrant.client.PointIdFactory;
import io.qdrant.client.ValueFactory;
import io.qdrant.client.VectorsFactory;
import io.qdrant.client.grpc.Points.PointStruct;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an operator sees of cortex-sync jobs on a session cluster, for real: a Prometheus server
 * scraping the cluster's Prometheus reporter while {@code cdc} and a continuous {@code reconcile}
 * run, its HTTP API showing the project's own metrics move (changes applied, dead letters, lag,
 * write latency, batch size, reconciliation scans and drift) and the alert rules of
 * {@code deploy/prometheus} loaded and healthy; every query of the Grafana dashboard naming a
 * metric the jobs export; and the Flink dashboard in headless Chromium showing the cdc job, its
 * graph and a Qdrant sink metric (a screenshot is kept under {@code cli/target}). Last, the REST
 * API's metrics moving again soon after a TaskManager is lost while they are fetched.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterOperationsITCase {

    private static final int DIM = 8;
    private static final String TABLE = "ops";
    private static final String COLLECTION = "ops";
    private static final int RECORDS = 500;
    private static final Duration WAIT = Duration.ofMinutes(3);
    private static final Pattern SUBMITTED = Pattern.compile("submitted job ([0-9a-f]{32})");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The operator-scope metric names of Flink's Prometheus reporter start so. */
    private static final String OPERATOR = "flink_taskmanager_job_task_operator_";

    @TempDir
    static Path tempDir;

    private static ClusterTestStores stores;
    private static LocalCluster cluster;
    private static FlinkRestClient rest;
    private static String cdcJob;
    private static String reconcileJob;

    @BeforeAll
    static void start() throws Exception {
        stores = ClusterTestStores.start(tempDir);
        try (SurrealClient client = stores.surrealClient()) {
            client.query("DEFINE TABLE " + TABLE + " CHANGEFEED 1h", Map.of());
        }
        stores.load(TABLE, RECORDS, DIM);
        cluster = LocalCluster.start(LocalCluster.runDirFor(ClusterOperationsITCase.class),
                "metrics.fetcher.update-interval=1000");
        rest = new FlinkRestClient(cluster.restUri(), Duration.ofSeconds(30));

        List<String> cdc = stores.migrateArgs(TABLE, COLLECTION);
        cdc.addAll(List.of("--jobmanager", cluster.restUri().toString(), "--parallelism", "1",
                "--checkpoint-dir", tempDir.resolve("cdc-checkpoints").toString(), "--checkpoint-interval", "1s",
                "--dead-letter", tempDir.resolve("dead.jsonl").toString(), "--poll-interval", "100ms"));
        cdcJob = submitted(SubmitRun.cdc(cdc));
        Await.until(WAIT, "the snapshot in Qdrant", ClusterOperationsITCase::points, n -> n >= RECORDS);

        List<String> reconcile = stores.migrateArgs(TABLE, COLLECTION);
        reconcile.addAll(List.of("--jobmanager", cluster.restUri().toString(), "--parallelism", "1",
                "--continuous", "--partitions", "16", "--cycle", "2s", "--grace", "1s",
                "--checkpoint-dir", tempDir.resolve("reconcile-checkpoints").toString(), "--checkpoint-interval", "1s",
                "--findings", tempDir.resolve("findings.jsonl").toString()));
        reconcileJob = submitted(SubmitRun.reconcile(reconcile));
    }

    /** The id a detached submit prints once its job runs. */
    private static String submitted(SubmitRun run) throws Exception {
        assertThat(run.awaitExit(WAIT)).as(run.output()).isZero();
        Matcher id = SUBMITTED.matcher(run.output());
        assertThat(id.find()).as(run.output()).isTrue();
        return id.group(1);
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
    void prometheusScrapesTheJobsMetricsWithValuesThatMoveAndLoadsTheAlertRules() throws Exception {
        Assumptions.assumeTrue(PrometheusServer.installed(),
                "Debian's prometheus is not installed (/usr/bin/prometheus, /usr/bin/promtool); scripts/test.sh installs it");
        Path deploy = LocalCluster.projectDir().resolve("deploy/prometheus");
        try (PrometheusServer prometheus = PrometheusServer.start(tempDir.resolve("prometheus"),
                PrometheusServer.flinkReporterTargets(), List.of(deploy.resolve("alerts.yml")))) {
            String cdc = "{job_id=\"" + cdcJob + "\"}";
            String reconcile = "{job_id=\"" + reconcileJob + "\"}";
            double synced = Await.until(WAIT, "the cdc job's synced counter scraped",
                    () -> prometheus.value("sum(" + OPERATOR + "synced" + cdc + ")"), v -> v >= RECORDS);
            double written = prometheus.value("sum(" + OPERATOR + "qdrant_pointsWritten" + cdc + ")");
            double scans = Await.until(WAIT, "the reconciliation's scans scraped",
                    () -> prometheus.value("sum(" + OPERATOR + "partitionScans" + reconcile + ")"), v -> v >= 16);

            // changes, three records that cannot be synced, and a point deleted behind the sync's back
            writeChanges(100);
            writeUnsyncable(3);
            // drift of each kind: a point deleted, an orphan point, a tampered hash
            try (QdrantConnection qdrant = stores.qdrantConnection()) {
                UUID deleted = PointIds.pointId(RecordId.of(TABLE, String.format("e-%06d", 7)));
                qdrant.client().deleteAsync(COLLECTION, List.of(PointIdFactory.id(deleted))).get(30, TimeUnit.SECONDS);
                qdrant.client().upsertAsync(COLLECTION, List.of(PointStruct.newBuilder()
                        .setId(PointIdFactory.id(UUID.nameUUIDFromBytes("ops-orphan".getBytes(StandardCharsets.UTF_8))))
                        .setVectors(VectorsFactory.vectors(new float[] {1, 2, 3, 4, 5, 6, 7, 8}))
                        .putPayload(PayloadFields.TABLE, ValueFactory.value(TABLE)).build())).get(30, TimeUnit.SECONDS);
                UUID tampered = PointIds.pointId(RecordId.of(TABLE, String.format("e-%06d", 8)));
                qdrant.client().setPayloadAsync(COLLECTION, Map.of(PayloadFields.CONTENT_HASH, ValueFactory.value("tampered")),
                        PointIdFactory.id(tampered), true, null, null).get(30, TimeUnit.SECONDS);
            }

            double syncedAfter = Await.until(WAIT, "synced moves by the changes",
                    () -> prometheus.value("sum(" + OPERATOR + "synced" + cdc + ")"), v -> v >= synced + 100);
            double writtenAfter = Await.until(WAIT, "qdrant pointsWritten moves",
                    () -> prometheus.value("sum(" + OPERATOR + "qdrant_pointsWritten" + cdc + ")"), v -> v >= written + 100);
            double deadLettered = Await.until(WAIT, "deadLettered moves by the unsyncable records",
                    () -> prometheus.value("sum(" + OPERATOR + "deadLettered" + cdc + ")"), v -> v >= 3);
            // the lag: commit in SurrealDB to Qdrant's confirmation, per change; and the reader's
            // position behind the feed, 0 once caught up (-1 before it reads the feed)
            double lag = Await.until(WAIT, "the commit-to-Qdrant lag of the changes",
                    () -> prometheus.value("max(" + OPERATOR + "commitToQdrantLatencyMs{job_id=\"" + cdcJob + "\",quantile=\"0.99\"})"),
                    v -> v > 0);
            double lastLag = prometheus.value("max(" + OPERATOR + "lastCommitToQdrantMs" + cdc + ")");
            double readerLag = Await.until(WAIT, "the change-feed reader caught up",
                    () -> prometheus.value("max(" + OPERATOR + "currentVersionstampLagMs" + cdc + ")"), v -> v == 0);
            assertThat(lastLag).isGreaterThan(0);
            double latency = Await.until(WAIT, "the write latency's 99th percentile scraped",
                    () -> prometheus.value("max(" + OPERATOR + "qdrant_writeLatencyMs{job_id=\"" + cdcJob + "\",quantile=\"0.99\"})"),
                    v -> v > 0);
            double batch = Await.until(WAIT, "the batch-size gauge scraped",
                    () -> prometheus.value("max(" + OPERATOR + "qdrant_currentBatchSize" + cdc + ")"), v -> !Double.isNaN(v));
            double scansAfter = Await.until(WAIT, "partitionScans moves",
                    () -> prometheus.value("sum(" + OPERATOR + "partitionScans" + reconcile + ")"), v -> v >= scans + 16);
            double missing = Await.until(WAIT, "the drift found by the reconciliation",
                    () -> prometheus.value("sum(" + OPERATOR + "found_MISSING_VECTOR" + reconcile + ")"), v -> v >= 1);
            Await.until(WAIT, "an orphan and a mismatch found too",
                    () -> prometheus.value("sum(" + OPERATOR + "found_ORPHAN_VECTOR" + reconcile + ") + sum(" + OPERATOR
                            + "found_MISMATCH" + reconcile + ")"), v -> v >= 2);
            double differing = Await.until(WAIT, "the differingPoints gauge shows them",
                    () -> prometheus.value("sum(" + OPERATOR + "differingPoints" + reconcile + ")"), v -> v >= 3);
            double consistency = prometheus.value("min(" + OPERATOR + "consistencyRate" + reconcile + ")");
            double restarts = prometheus.value("max(flink_jobmanager_job_numRestarts" + cdc + ")");
            System.out.printf("Prometheus: synced %.0f -> %.0f, pointsWritten %.0f -> %.0f, deadLettered %.0f, commit-to-Qdrant p99 %.0f ms (last %.0f ms), reader lag %.0f ms, "
                            + "write latency p99 %.0f ms, batch size %.0f, partitionScans %.0f -> %.0f, found MISSING_VECTOR %.0f, "
                            + "differingPoints %.0f, consistencyRate %.4f, restarts %.0f%n",
                    synced, syncedAfter, written, writtenAfter, deadLettered, lag, lastLag, readerLag, latency, batch, scans, scansAfter,
                    missing, differing, consistency, restarts);
            assertThat(consistency).isBetween(0.9, 1.0);
            assertThat(restarts).isZero();

            // the alert rules are loaded and evaluate without error
            List<JsonNode> rules = prometheus.rules();
            Set<String> alerts = new TreeSet<>();
            for (JsonNode rule : rules) {
                assertThat(rule.path("health").asText()).as(rule.toString()).isEqualTo("ok");
                alerts.add(rule.path("name").asText());
            }
            assertThat(alerts).contains("CortexSyncJobRestarting", "CortexSyncCdcLagHigh", "CortexSyncDeadLettersRising",
                    "CortexSyncDriftFound", "CortexSyncCheckpointsFailing");

            // every metric the Grafana dashboard queries is one the jobs export
            Set<String> exported = prometheus.metricNames();
            Set<String> queried = GrafanaDashboard.metricNames(LocalCluster.projectDir().resolve("deploy/grafana/cortex-sync.json"));
            System.out.println("dashboard queries " + queried.size() + " metrics: " + queried);
            assertThat(queried).isNotEmpty();
            assertThat(exported).as("metrics Prometheus scraped").containsAll(queried);
        }
    }

    @Test
    void theFlinkDashboardShowsTheCdcJobItsGraphAndAQdrantSinkMetric() throws Exception {
        Path chromium = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
        Assumptions.assumeTrue(Files.isExecutable(chromium),
                "Debian's chromium is not installed (" + chromium + "); scripts/test.sh installs it");
        JsonNode job = rest.get("jobs/" + cdcJob);
        String sinkVertex = null;
        List<String> vertices = new ArrayList<>();
        for (JsonNode vertex : job.path("vertices")) {
            vertices.add(vertex.path("name").asText());
            if (vertex.path("name").asText().contains("Qdrant")) {
                sinkVertex = vertex.path("id").asText();
            }
        }
        assertThat(sinkVertex).as("a vertex writing to Qdrant among " + vertices).isNotNull();
        String vertexId = sinkVertex;
        String metric = Await.until(WAIT, "the sink's pointsWritten metric listed", () -> {
            for (JsonNode m : rest.get("jobs/" + cdcJob + "/vertices/" + vertexId + "/metrics")) {
                if (m.path("id").asText().startsWith("0.") && m.path("id").asText().endsWith(".qdrant.pointsWritten")) {
                    return m.path("id").asText();
                }
            }
            return null;
        }, m -> m != null);

        Path screenshot = LocalCluster.projectDir().resolve("cli/target/flink-dashboard-cdc.png");
        Files.createDirectories(screenshot.getParent());
        Files.deleteIfExists(screenshot);
        Path node = LocalCluster.projectDir().resolve("testkit/node");
        Process process = new ProcessBuilder("node", "checks/flink-dashboard.mjs",
                "--url", cluster.restUri().toString(), "--job", cdcJob, "--vertex", vertexId, "--metric", metric,
                "--screenshot", screenshot.toString())
                .directory(node.toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(3, TimeUnit.MINUTES)).as(output).isTrue();
        System.out.println("dashboard: " + output);
        assertThat(process.exitValue()).as(output).isZero();
        JsonNode seen = JSON.readTree(output.lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b).orElseThrow());
        assertThat(seen.path("runningJobs").toString()).contains("cortex-sync cdc");
        String graph = seen.path("graphNodes").toString();
        assertThat(graph).contains("SurrealDB").contains("Qdrant");
        assertThat(seen.path("metric").asText()).isEqualTo(metric);
        assertThat(Long.parseLong(seen.path("metricValue").asText())).as("points written, as the dashboard shows")
                .isGreaterThanOrEqualTo(RECORDS);
        assertThat(screenshot).isRegularFile();
        assertThat(Files.size(screenshot)).isGreaterThan(10_000);
    }

    /**
     * Runs last, as it kills a TaskManager. The JobManager fetches the metrics the dashboard and
     * the REST API show from every TaskManager, one fetch at a time: a TaskManager lost while it
     * was asked held that fetch, and with it every metric, for {@code web.timeout} (Flink's
     * default: 10 minutes). {@code flink-conf/config.yaml} bounds it at 30 s.
     */
    @Test
    @Order(Integer.MAX_VALUE)
    void theMetricsMoveAgainSoonAfterATaskManagerIsLostWhileTheyAreFetched() throws Exception {
        String lost = "taskmanager-2";
        String survivor = "taskmanager-1";
        Await.until(WAIT, survivor + "'s CPU time listed", () -> cpuTime(survivor), v -> v >= 0);
        try {
            cluster.freeze(lost);
            // readings start fetches (at most a second apart here), which ask the frozen one too
            long frozenAt = System.nanoTime();
            while (System.nanoTime() - frozenAt < TimeUnit.SECONDS.toNanos(3)) {
                cpuTime(survivor);
                Thread.sleep(100);
            }
            cluster.killHard(lost);
            long killedAt = System.nanoTime();
            // a held fetch shows at most one new reading; three more need fetches after it
            Set<Long> readings = new TreeSet<>();
            Await.until(Duration.ofSeconds(75), "four readings of " + survivor + "'s CPU time after " + lost + " was killed",
                    () -> {
                        readings.add(cpuTime(survivor));
                        return readings;
                    }, r -> r.size() >= 4);
            System.out.printf("metrics: moving again %.1f s after %s was killed mid-fetch (readings %s)%n",
                    (System.nanoTime() - killedAt) / 1e9, lost, readings);
        } finally {
            if (ProcessHandle.of(cluster.pid(lost)).isPresent()) {
                cluster.killHard(lost); // a frozen process would not stop with the cluster
            }
            cluster.restartTaskManager(lost);
        }
    }

    /** A TaskManager's own CPU time as the REST API shows it, in nanoseconds; -1 before it is listed. */
    private static long cpuTime(String taskManager) {
        JsonNode values = rest.get("taskmanagers/" + taskManager + "/metrics?get=Status.JVM.CPU.Time");
        return values.size() == 0 ? -1 : Long.parseLong(values.get(0).path("value").asText());
    }

    private static void writeChanges(int count) {
        try (SurrealClient client = stores.surrealClient()) {
            for (int i = 0; i < count; i++) {
                Map<String, Object> row = new LinkedHashMap<>();
                float[] vector = new float[DIM];
                for (int d = 0; d < DIM; d++) {
                    vector[d] = (float) ((i + d) % 7) / 7f + 0.1f;
                }
                row.put("vector", vector);
                row.put("title", "change " + i);
                client.upsert(SurrealRecordId.of(TABLE, String.format("e-%06d", 100 + i)), row);
            }
        }
    }

    private static void writeUnsyncable(int count) {
        try (SurrealClient client = stores.surrealClient()) {
            for (int i = 0; i < count; i++) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("vector", new float[] {1f, 2f});
                row.put("title", "a vector of the wrong size");
                client.upsert(SurrealRecordId.of(TABLE, "bad-" + i), row);
            }
        }
    }

    private static long points() throws Exception {
        try (QdrantConnection qdrant = stores.qdrantConnection()) {
            if (!qdrant.client().collectionExistsAsync(COLLECTION).get(30, TimeUnit.SECONDS)) {
                return 0;
            }
            return qdrant.client().countAsync(COLLECTION).get(30, TimeUnit.SECONDS);
        }
    }


}
