package io.cortexsync.cli.reconcile;

import io.cortexsync.cli.CortexSyncCli;
import io.cortexsync.cli.migrate.MigrationTestStores;
import io.cortexsync.cli.run.MiniClusterRunner;
import io.cortexsync.cli.run.StopSignals;
import io.cortexsync.cli.run.StreamingRun;
import io.cortexsync.connector.qdrant.client.QdrantConnection;
import io.cortexsync.connector.qdrant.convert.SyncEntityPointConverter;
import io.cortexsync.connector.surrealdb.client.Statement;
import io.cortexsync.connector.surrealdb.client.SurrealClient;
import io.cortexsync.connector.surrealdb.client.SurrealRecordId;
import io.cortexsync.jobs.reconcile.repair.SourceRecordLookup;
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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code reconcile --continuous} on the real engine and the Qdrant server after a clean migration:
 * a clean cycle reports nothing; changes in flight through a sync longer than a rescan but
 * shorter than the grace are seen by rescans and dropped by the re-check, never reported; drift
 * planted while it runs is reported within a cycle plus the grace, exactly and once; cycles over a
 * quiet store read no SurrealDB records; a stop leaves a savepoint.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class ReconcileContinuousITCase {

    private static final String NS = "reconcile_continuous";
    private static final String TABLE = "docs";
    private static final String COLLECTION = "continuous_docs";
    private static final int RECORDS = 2_000;
    private static final int DIM = 8;
    private static final int PARTITIONS = 16;
    private static final Duration CYCLE = Duration.ofSeconds(2);
    private static final Duration GRACE = Duration.ofSeconds(4);
    /** Longer than a cycle, so the partitions of changes in flight are rescanned meanwhile; shorter than the grace. */
    private static final Duration IN_FLIGHT = Duration.ofMillis(2_500);
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final Pattern PROGRESS = Pattern.compile(
            "reconcile: ([\\d,]+) records read .*?, ([\\d,]+) partition scans of \\d+ partitions, [\\d,]+ points read, "
                    + "([\\d,]+) differences reported, ([\\d,]+) resolved within the grace");

    @TempDir
    static Path work;

    private static MigrationTestStores stores;

    @BeforeAll
    static void migrate() {
        stores = MigrationTestStores.start("reconcile-continuous");
        try (SurrealClient client = stores.surrealClient(NS)) {
            client.queryBatch(List.of(Statement.of("DEFINE TABLE " + TABLE + " CHANGEFEED 1h")));
        }
        stores.load(NS, TABLE, RECORDS, DIM, false);
        List<String> args = new ArrayList<>(stores.args(NS, COLLECTION, TABLE));
        args.addAll(List.of("--checkpoint-dir", work.resolve("migrate-checkpoints").toString(),
                "--dead-letter", work.resolve("migrate-dead-letter.jsonl").toString()));
        MigrationTestStores.Run migration = MigrationTestStores.migrate(args);
        assertThat(migration.exitCode()).as(migration.err()).isZero();
    }

    @AfterAll
    static void stop() {
        if (stores != null) {
            stores.close();
        }
    }

    @Test
    void reportsPlantedDriftWithinACyclePlusTheGraceButNotChangesInFlight() throws Exception {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);
        List<String> args = new ArrayList<>(stores.args(NS, COLLECTION, TABLE));
        args.addAll(List.of("--continuous", "--cycle", CYCLE.toMillis() + "ms", "--grace", GRACE.toMillis() + "ms",
                "--partitions", String.valueOf(PARTITIONS), "--checkpoint-interval", "1s",
                "--checkpoint-dir", work.resolve("checkpoints").toString(),
                "--findings", work.resolve("findings.jsonl").toString(),
                "--dead-letter", work.resolve("dead-letter.jsonl").toString(),
                "--report", work.resolve("continuous-report.json").toString()));
        ReconcileCommand command = new ReconcileCommand(out, out);
        CommandLine cli = CortexSyncCli.commandLine(command, args.toArray(new String[0]));
        cli.parseArgs(args.toArray(new String[0]));
        StopSignals stop = StopSignals.manual();
        ReconcileRun run = new ReconcileRun(command.options(), new MiniClusterRunner(false), out, Duration.ofMillis(500));
        CompletableFuture<StreamingRun.Ended> ended = CompletableFuture.supplyAsync(() -> {
            try {
                return run.runContinuous(stop);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Path parts = command.options().findingParts();
        try {
            // a clean store: two full cycles of scans after the snapshot, nothing reported
            await("the snapshot read and two full cycles scanned", output,
                    () -> progress(output).map(p -> p[0] >= RECORDS && p[1] >= 3L * PARTITIONS).orElse(false));
            long[] clean = progress(output).orElseThrow();
            assertThat(clean[2]).as(text(output)).isZero();
            // rescans start once the snapshot is in the partitions' state: a clean store differs nowhere, not even within the grace
            assertThat(clean[3]).as("resolved within the grace in a clean store\n" + text(output)).isZero();
            assertThat(findings(parts)).isEmpty();

            // changes in flight: SurrealDB first, the point IN_FLIGHT later, as a sync would
            try (SurrealClient surreal = stores.surrealClient(NS); QdrantConnection qdrant = stores.qdrantConnection()) {
                List<RecordId> inFlight = new ArrayList<>();
                for (int i = 100; i < 120; i++) {
                    RecordId id = RecordId.of(TABLE, MigrationTestStores.key(i));
                    surreal.query("UPDATE $id SET title = $title", Map.of("id", SurrealRecordId.fromRecordId(id), "title", "in flight " + i));
                    inFlight.add(id);
                }
                Thread.sleep(IN_FLIGHT.toMillis());
                SourceRecordLookup records = new SourceRecordLookup(surreal, "vector");
                SyncEntityPointConverter converter = new SyncEntityPointConverter();
                List<PointStruct> synced = new ArrayList<>();
                for (RecordId id : inFlight) {
                    synced.add(converter.point(records.lookup(id, DIM).entity()));
                }
                qdrant.client().upsertAsync(COLLECTION, synced).get(30, TimeUnit.SECONDS);
            }
            await("the changes in flight resolved within the grace", output,
                    () -> progress(output).map(p -> p[3] >= 1).orElse(false));
            assertThat(progress(output).orElseThrow()[2]).as(text(output)).isZero();

            // drift: 3 points deleted, 2 records changed without their points, 2 orphans
            Map<String, Kind> planted = new TreeMap<>();
            long plantedAt;
            try (SurrealClient surreal = stores.surrealClient(NS); QdrantConnection qdrant = stores.qdrantConnection()) {
                for (int i : new int[] {300, 301, 302}) {
                    UUID point = pointOf(i);
                    qdrant.client().deleteAsync(COLLECTION, List.of(PointIdFactory.id(point))).get(30, TimeUnit.SECONDS);
                    planted.put(point.toString(), Kind.MISSING_VECTOR);
                }
                for (int i : new int[] {400, 401}) {
                    surreal.query("UPDATE $id SET title = $title",
                            Map.of("id", SurrealRecordId.of(TABLE, MigrationTestStores.key(i)), "title", "drifted " + i));
                    planted.put(pointOf(i).toString(), Kind.MISMATCH);
                }
                for (int n = 0; n < 2; n++) {
                    UUID orphan = UUID.nameUUIDFromBytes(("continuous-orphan-" + n).getBytes(StandardCharsets.UTF_8));
                    List<Float> vector = new ArrayList<>();
                    for (int d = 0; d < DIM; d++) {
                        vector.add((float) (d + n + 1));
                    }
                    qdrant.client().upsertAsync(COLLECTION, List.of(PointStruct.newBuilder().setId(PointIdFactory.id(orphan))
                            .setVectors(VectorsFactory.vectors(vector))
                            .putPayload(PayloadFields.TABLE, ValueFactory.value(TABLE)).build())).get(30, TimeUnit.SECONDS);
                    planted.put(orphan.toString(), Kind.ORPHAN_VECTOR);
                }
                plantedAt = System.nanoTime();
            }
            await("the planted drift reported", output, () -> findings(parts).size() >= planted.size());
            long tookMs = (System.nanoTime() - plantedAt) / 1_000_000;
            System.out.printf("continuous: %d planted differences reported %d ms after planting (cycle %d ms + grace %d ms)%n",
                    planted.size(), tookMs, CYCLE.toMillis(), GRACE.toMillis());
            assertThat(tookMs).as("within a cycle plus the grace, and checkpoint flushes")
                    .isLessThanOrEqualTo(CYCLE.plus(GRACE).plusSeconds(20).toMillis());

            // a quiet store: more cycles, no SurrealDB record read, nothing reported twice
            long[] before = progress(output).orElseThrow();
            await("two more full cycles", output,
                    () -> progress(output).map(p -> p[1] >= before[1] + 2L * PARTITIONS).orElse(false));
            long[] quiet = progress(output).orElseThrow();
            System.out.printf("continuous: quiet cycles %d scans, %d SurrealDB records read%n",
                    quiet[1] - before[1], quiet[0] - before[0]);
            assertThat(quiet[0]).as("SurrealDB records read while quiet").isEqualTo(before[0]);
            Map<String, Kind> found = findings(parts);
            assertThat(found).as(text(output)).isEqualTo(planted);
        } finally {
            stop.request("test over");
        }
        StreamingRun.Ended end = ended.get(2, TimeUnit.MINUTES);
        assertThat(end.stopped()).as(text(output)).isTrue();
        assertThat(text(output)).contains("7 differences reported");

        // the run's report: per table, bytes read on each side, and the Bloom filter at work
        JsonNode report = new ObjectMapper().readTree(work.resolve("continuous-report.json").toFile());
        System.out.println("continuous report: total " + report.get("total") + ", continuous " + report.get("continuous"));
        assertThat(report.get("mode").asText()).isEqualTo("continuous");
        assertThat(report.get("continuous").get("savepoint").asText()).isEqualTo(end.savepoint().orElseThrow());
        assertThat(report.get("continuous").get("cycles").asDouble()).isGreaterThanOrEqualTo(5.0);
        assertThat(report.get("total").get("differences").asLong()).isEqualTo(7);
        assertThat(report.get("total").get("found").get("ORPHAN_VECTOR").asLong()).isEqualTo(2);
        assertThat(report.get("perTable").get(TABLE).get("sourceRecords").asLong()).isGreaterThanOrEqualTo(RECORDS);
        assertThat(report.get("perTable").get(TABLE).get("targetPoints").asLong())
                .as("every cycle reads the points again").isGreaterThanOrEqualTo(5L * RECORDS);
        assertThat(report.get("total").get("bytesRead").get("surrealdb").asLong())
                .as("the snapshot's bytes").isGreaterThan((long) RECORDS * DIM);
        assertThat(report.get("total").get("bytesRead").get("qdrant").asLong())
                .as("the rescans' bytes: ids and hashes, no vectors").isGreaterThan(5L * RECORDS * 16);
        // each orphan: its rescans and its re-check knew it absent without reading the SurrealDB side
        assertThat(report.get("continuous").get("absentByBloom").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(report.get("continuous").get("sideReadsSaved").asLong()).isGreaterThanOrEqualTo(2);
    }

    private static UUID pointOf(int i) {
        return PointIds.pointId(RecordId.of(TABLE, MigrationTestStores.key(i)));
    }

    /** The repair records the job has flushed, by point id; one twice fails. */
    private static Map<String, Kind> findings(Path parts) throws IOException {
        Map<String, Kind> found = new TreeMap<>();
        if (!Files.isDirectory(parts)) {
            return found;
        }
        try (Stream<Path> files = Files.list(parts)) {
            for (Path part : files.toList()) {
                for (String line : Files.readAllLines(part)) {
                    if (line.isBlank()) {
                        continue;
                    }
                    RepairRecord record;
                    try {
                        record = SchemaJson.REPAIR_RECORD.read(line);
                    } catch (RuntimeException e) {
                        continue; // a line being written
                    }
                    assertThat(found.put(record.pointId().toString(), record.kind())).as("reported twice: " + record).isNull();
                }
            }
        }
        return found;
    }

    /** The last progress line's records read, partition scans, differences reported and resolved within the grace. */
    private static java.util.Optional<long[]> progress(ByteArrayOutputStream output) {
        Matcher matcher = PROGRESS.matcher(text(output));
        long[] last = null;
        while (matcher.find()) {
            last = new long[4];
            for (int g = 0; g < 4; g++) {
                last[g] = Long.parseLong(matcher.group(g + 1).replace(",", ""));
            }
        }
        return java.util.Optional.ofNullable(last);
    }

    private static String text(ByteArrayOutputStream output) {
        return output.toString(StandardCharsets.UTF_8);
    }

    private static void await(String what, ByteArrayOutputStream output, ThrowingCondition condition) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.met()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + WAIT + ": " + what + "; output:\n" + text(output));
            }
            Thread.sleep(200);
        }
    }

    private interface ThrowingCondition {
        boolean met() throws Exception;
    }
}
