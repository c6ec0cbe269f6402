package io.cortexsync.cli.migrate;

import io.cortexsync.jobs.common.JobCounters;
import io.cortexsync.cli.CortexSyncCli;
import io.cortexsync.cli.run.MiniClusterRunner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code --web-ui}: the Flink dashboard and its REST API serve the running migration and its counters. */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class MigrateWebUiITCase {

    private static final Pattern DASHBOARD = Pattern.compile("Flink dashboard: http://127\\.0\\.0\\.1:(\\d+)/#/job/running/([0-9a-f]{32})/");

    private static final int PROGRESS_RECORDS = 3000;

    private static MigrationTestStores stores;

    @BeforeAll
    static void start() {
        stores = MigrationTestStores.start("webui");
        stores.load("web", "docs", 1500, 8, true);
        stores.load("web", "many", PROGRESS_RECORDS, 8, false);
    }

    @AfterAll
    static void stop() {
        if (stores != null) {
            stores.close();
        }
    }

    @Test
    void dashboardShowsTheJobAndItsCounters(@TempDir Path dir) throws Exception {
        List<String> args = stores.args("web", "web_docs", "docs");
        args.set(args.indexOf("--batch-size") + 1, "16");
        args.addAll(List.of("--web-ui", "--checkpoint-dir", dir.resolve("chk").toString(),
                "--dead-letter", dir.resolve("d.jsonl").toString()));
        // slower than the sink's target latency, so the job runs long enough to be looked at
        stores.qdrant.faults().latency(Duration.ofMillis(1100));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CompletableFuture<MigrationTestStores.Run> run = CompletableFuture.supplyAsync(
                () -> MigrationTestStores.migrate(args, new PrintStream(out, true, StandardCharsets.UTF_8)));
        try {
            Matcher dashboard = DASHBOARD.matcher("");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (!dashboard.reset(out.toString(StandardCharsets.UTF_8)).find()) {
                assertThat(run).as("the run ended before printing the dashboard: " + out).isNotDone();
                assertThat(System.nanoTime()).as("the dashboard line in time").isLessThan(deadline);
                Thread.sleep(100);
            }
            String base = "http://127.0.0.1:" + dashboard.group(1);
            String jobId = dashboard.group(2);
            HttpClient http = HttpClient.newHttpClient();
            assertThat(get(http, base + "/jobs/overview")).contains(jobId).contains("cortex-sync migrate docs -> web_docs");
            // the migration's operators chain into one task: its TaskManager got the small network pool
            JsonNode taskManagers = new ObjectMapper().readTree(get(http, base + "/taskmanagers")).path("taskmanagers");
            assertThat(taskManagers).as("the local cluster's TaskManagers").hasSize(1);
            assertThat(taskManagers.get(0).path("memoryConfiguration").path("networkMemory").asLong())
                    .as("network memory of the TaskManager: " + taskManagers).isEqualTo(2L << 20);
            String accumulators = get(http, base + "/jobs/" + jobId + "/accumulators");
            while (!accumulators.contains("\"name\":\"" + JobCounters.MIGRATED + "\"")) {
                assertThat(System.nanoTime()).as("the migrated counter on the REST API: " + accumulators).isLessThan(deadline);
                Thread.sleep(200);
                accumulators = get(http, base + "/jobs/" + jobId + "/accumulators");
            }
        } finally {
            stores.qdrant.faults().reset();
        }
        MigrationTestStores.Run finished = run.get(3, TimeUnit.MINUTES);
        assertThat(finished.exitCode()).as(finished.out() + finished.err()).isZero();
        assertThat(stores.pointCount("web_docs")).isEqualTo(1500);
    }

    /**
     * The progress a local run reports follows the job: its TaskManager sends the counters every
     * second, where Flink's default heartbeat (10 s) left the first readings at 0.
     */
    @Test
    void progressFollowsTheRunningJob(@TempDir Path dir) throws Exception {
        List<String> args = stores.args("web", "web_many", "many");
        args.set(args.indexOf("--batch-size") + 1, "8");
        args.addAll(List.of("--checkpoint-dir", dir.resolve("chk").toString(), "--dead-letter", dir.resolve("d.jsonl").toString()));
        MigrateOptions options = CortexSyncCli.parseMigrateOptions(args.toArray(new String[0]));
        // small batches and slow upserts: about 15 s of writing, in which a 10 s heartbeat would
        // change the readings once or twice
        stores.qdrant.faults().latency(Duration.ofMillis(250));
        Set<Long> between = new TreeSet<>();
        try {
            MigrationRun.Started running = new MigrationRun(options, new MiniClusterRunner(false),
                    new PrintStream(OutputStream.nullOutputStream()), false, Duration.ofSeconds(3)).start();
            CompletableFuture<MigrationReport> report = CompletableFuture.supplyAsync(() -> {
                try {
                    return running.awaitReport();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            while (!report.isDone()) {
                long migrated = running.current().migrated();
                if (migrated > 0 && migrated < PROGRESS_RECORDS) {
                    between.add(migrated);
                }
                Thread.sleep(250);
            }
            assertThat(report.get().successful()).isEqualTo(PROGRESS_RECORDS);
        } finally {
            stores.qdrant.faults().reset();
        }
        assertThat(between).as("readings between 0 and " + PROGRESS_RECORDS + ": " + between).hasSizeGreaterThanOrEqualTo(5);
    }

    private static String get(HttpClient http, String url) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(url + ": " + response.body()).isEqualTo(200);
        return response.body();
    }
}
