package io.cortexsync.bench.reconcile;

import io.cortexsync.bench.BenchDirs;
import io.cortexsync.bench.BenchReport;
import io.cortexsync.bench.BenchSurreal;
import io.cortexsync.bench.Rate;
import io.cortexsync.bench.migrate.BenchTables;
import io.cortexsync.bench.migrate.HeapCheck;
import io.cortexsync.bench.migrate.HeapProbe;
import io.cortexsync.bench.surreal.BenchDataset;
import io.cortexsync.bench.surreal.SurrealLoader;
import io.cortexsync.cli.migrate.MigrateOptions;
import io.cortexsync.cli.migrate.MigrationReport;
import io.cortexsync.cli.migrate.MigrationRun;
import io.cortexsync.cli.reconcile.ReconcileCommand;
import io.cortexsync.cli.reconcile.ReconcileOptions;
import io.cortexsync.cli.reconcile.ReconcileReport;
import io.cortexsync.cli.reconcile.ReconcileRun;
import io.cortexsync.cli.run.MiniClusterRunner;
import io.cortexsync.cli.run.StopSignals;
import io.cortexsync.cli.run.StreamingRun;
import io.cortexsync.connector.qdrant.client.QdrantConnection;
import io.cortexsync.connector.qdrant.client.QdrantConnectionConfig;
import io.cortexsync.connector.surrealdb.client.SurrealClient;
import io.cortexsync.connector.surrealdb.client.SurrealRecordId;
import io.cortexsync.jobs.reconcile.ReconcileCounters;
import io.cortexsync.schema.ids.PointIds;
import io.cortexsync.schema.ids.RecordId;
import io.cortexsync.schema.model.PayloadFields;
import io.cortexsync.schema.model.RepairRecord;
import io.cortexsync.testkit.qdrant.QdrantTestServer;
import io.cortexsync.testkit.surrealdb.EmbeddedSurrealDb;

import io.qdrant.client.PointIdFactory;
import io.qdrant.client.ValueFactory;
import io.qdrant.client.VectorsFactory;
import io.qdrant.client.grpc.Points.PointStruct;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code bench.sh reconcile}: the reconciliation's rate beside its two sides alone, measured in
 * the same run, then how exactly and how cheaply it finds and repairs planted differences.
 */
@Command(name = "reconcile", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Reconciliation rate ('cortex-sync reconcile --once' as it runs: ReconcileRun on a local MiniCluster, "
                    + "RocksDB and checkpoints on) over a clean migration of --entities, beside, in the same run, "
                    + "the SurrealDB side alone (the job's source and converter into a discarding sink) and the Qdrant "
                    + "side alone (the job's payload scroll into a discarding sink). Rates are entities / whole job "
                    + "time, Flink's start-up included. reconcile_ratio = reconcile rate / 1/(1/source + 1/scan). "
                    + "The three jobs run --rounds times; the first --warmup-rounds are not counted.",
            "Then --differences are planted (40% points deleted, 30% records changed in SurrealDB only, 30% orphan "
                    + "points): reconcile_found_ratio = planted found / planted, reconcile_extra = found but not "
                    + "planted; --repair repairs them: reconcile_reads_per_difference = store operations / repaired; "
                    + "a last pass must find none.",
            "Peak heap (--heap-check): the reconciliation of a table of 100k and of 400k entities (migrated first), "
                    + "each in a JVM of its own (-Xmx from --heap-max), sampled as the migrate bench does "
                    + "(reconcile_peak_heap_mb_*); reconcile_heap_growth = 400k peak / 100k peak (target: flat within 20%).",
            "Continuous: 'reconcile --continuous' over the repaired store (--cycle, grace 5 s), quiet after its "
                    + "snapshot, for two cycles of scans of the 256 partitions: reconcile_continuous_cycle_seconds and "
                    + "reconcile_continuous_quiet_records_read (SurrealDB records read in those cycles; target 0)."
        })
public final class ReconcileBench implements Callable<Integer> {

    private static final String TABLE = "bench_entity";
    private static final String COLLECTION = "bench_reconcile";

    @Spec
    CommandSpec spec;

    @Option(names = "--entities", defaultValue = "100000", description = "Entities migrated, then reconciled (default: ${DEFAULT-VALUE}).")
    long entities;

    @Option(names = "--dim", defaultValue = "768", description = "Vector dimension (default: ${DEFAULT-VALUE}).")
    int dim;

    @Option(names = "--parallelism", defaultValue = "2", description = "Job parallelism (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(names = "--rounds", defaultValue = "2", description = "Rounds of the three jobs, warm-up included (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--warmup-rounds", defaultValue = "1", description = "Rounds left out of the rates (default: ${DEFAULT-VALUE}).")
    int warmupRounds;

    @Option(names = "--differences", defaultValue = "100", description = "Differences planted (default: ${DEFAULT-VALUE}).")
    int differences;

    @Option(names = "--cycle", defaultValue = "20s", description = "The continuous run's --cycle (default: ${DEFAULT-VALUE}).")
    String cycle;

    @Option(names = "--heap-check", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Also measure the job's peak live heap reconciling 100k and 400k entities (default: ${DEFAULT-VALUE}).")
    boolean heapCheck;

    @Option(names = "--heap-dim", defaultValue = "0", description = "Vector dimension of the heap check's tables (default: --dim).")
    int heapDim;

    @Option(names = "--heap-max", defaultValue = "1g", description = "-Xmx of the heap check's JVMs (default: ${DEFAULT-VALUE}).")
    String heapMax;

    @Override
    public Integer call() throws Exception {
        if (warmupRounds < 0 || warmupRounds >= rounds) {
            throw new ParameterException(spec.commandLine(), "--warmup-rounds must be at least 0 and less than --rounds");
        }
        if (differences < 10 || differences > entities / 10) {
            throw new ParameterException(spec.commandLine(), "--differences must be from 10 to a tenth of --entities");
        }
        BenchReport report = new BenchReport(System.out);
        BenchDirs.inTempDirectory("bench-reconcile-", work -> run(report, work));
        return 0;
    }

    private void run(BenchReport report, Path work) throws Exception {
        try (EmbeddedSurrealDb db = BenchSurreal.start(work);
                SurrealClient surreal = SurrealClient.create(BenchSurreal.connection(db));
                QdrantTestServer qdrant = QdrantTestServer.builder().port(0).build().start()) {
            report.value("entities", entities);
            report.value("dim", dim);
            report.value("parallelism", parallelism);
            Rate load = new SurrealLoader(surreal).load(TABLE, new BenchDataset(dim, 42), entities);
            report.value("surreal_load_entities_per_s", load.perSecond());
            migrate(db, qdrant, work);

            double sourceSeconds = 0;
            double scanSeconds = 0;
            double reconcileSeconds = 0;
            for (int round = 1; round <= rounds; round++) {
                Path files = Files.createDirectories(work.resolve("round-" + round));
                ReconcileOptions options = options(db, qdrant, files, List.of());
                org.apache.flink.configuration.Configuration config = options.jobConfiguration(dim);
                Rate source = SideOnly.source(config);
                check("source side", source.items(), entities);
                Rate scan = SideOnly.target(config);
                check("Qdrant side", scan.items(), entities);
                ReconcileReport clean = reconcile(options);
                check("clean reconciliation differences", clean.differences().size(), 0);
                double reconcileRate = entities * 1000.0 / Math.max(1, clean.durationMs());
                String prefix = "reconcile_round_" + round + "_";
                report.value(prefix + "source_entities_per_s", source.perSecond());
                report.value(prefix + "scan_points_per_s", scan.perSecond());
                report.value(prefix + "entities_per_s", reconcileRate);
                report.value(prefix + "ratio", reconcileRate / bound(source.perSecond(), scan.perSecond()));
                if (round > warmupRounds) {
                    sourceSeconds += entities / source.perSecond();
                    scanSeconds += entities / scan.perSecond();
                    reconcileSeconds += clean.durationMs() / 1000.0;
                }
            }
            int counted = rounds - warmupRounds;
            double source = counted * entities / sourceSeconds;
            double scan = counted * entities / scanSeconds;
            double rate = counted * entities / reconcileSeconds;
            report.value("reconcile_source_entities_per_s", source);
            report.value("reconcile_scan_points_per_s", scan);
            report.value("reconcile_bound_entities_per_s", bound(source, scan));
            report.value("reconcile_entities_per_s", rate);

            Set<String> planted = plant(surreal, qdrant);
            Path files = Files.createDirectories(work.resolve("planted"));
            ReconcileReport dry = reconcile(options(db, qdrant, files, List.of()));
            Set<String> found = new HashSet<>();
            for (RepairRecord difference : dry.differences()) {
                found.add(difference.pointId().toString());
            }
            Set<String> foundPlanted = new HashSet<>(found);
            foundPlanted.retainAll(planted);
            Set<String> extra = new HashSet<>(found);
            extra.removeAll(planted);
            report.value("reconcile_planted", planted.size());
            report.value("reconcile_partitions_descended", dry.counter(ReconcileCounters.PARTITIONS_DESCENDED));
            report.value("reconcile_leaves_descended", dry.counter(ReconcileCounters.LEAVES_DESCENDED));
            report.value("reconcile_planted_seconds", dry.durationMs() / 1000.0);
            report.value("reconcile_extra", extra.size());
            report.value("reconcile_found_ratio", (double) foundPlanted.size() / planted.size());

            ReconcileReport repaired = reconcile(options(db, qdrant, Files.createDirectories(work.resolve("repair")),
                    List.of("--repair")));
            long fixed = repaired.counter(ReconcileCounters.REPAIRS_SUCCEEDED);
            report.value("reconcile_repaired", fixed);
            report.value("reconcile_repair_seconds", repaired.durationMs() / 1000.0);
            ReconcileReport after = reconcile(options(db, qdrant, Files.createDirectories(work.resolve("after")), List.of()));
            report.value("reconcile_differences_after_repair", after.differences().size());
            report.value("reconcile_reads_per_difference",
                    (double) repaired.counter(ReconcileCounters.REPAIR_STORE_OPERATIONS) / Math.max(1, fixed));
            continuous(report, db, surreal, qdrant, work);
            if (heapCheck) {
                int d = heapDim > 0 ? heapDim : dim;
                report.value("reconcile_heap_dim", d);
                report.value("reconcile_heap_max", heapMax);
                long small = heapPeak(report, db, surreal, qdrant, work, 100_000, d);
                long large = heapPeak(report, db, surreal, qdrant, work, 400_000, d);
                report.value("reconcile_heap_growth", (double) large / small);
            }
            report.value("reconcile_ratio", rate / bound(source, scan));
        }
    }

    /**
     * A continuous run over the repaired store, quiet after its snapshot: how long a cycle of
     * partition scans takes, and how many SurrealDB records the quiet cycles read (none is the
     * target: the SurrealDB side comes from the change feed, never a rescan).
     */
    private void continuous(BenchReport report, EmbeddedSurrealDb db, SurrealClient surreal, QdrantTestServer qdrant,
            Path work) throws Exception {
        surreal.query("DEFINE TABLE OVERWRITE " + TABLE + " CHANGEFEED 1h", Map.of());
        Path files = Files.createDirectories(work.resolve("continuous"));
        ReconcileOptions options = options(db, qdrant, files, List.of("--continuous", "--cycle", cycle, "--grace", "5s"));
        ByteArrayOutputStream lines = new java.io.ByteArrayOutputStream();
        PrintStream out = new PrintStream(lines, true, StandardCharsets.UTF_8);
        StopSignals stop = StopSignals.manual();
        ReconcileRun run = new ReconcileRun(options, new MiniClusterRunner(false), out, Duration.ofSeconds(1));
        CompletableFuture<StreamingRun.Ended> ended = CompletableFuture.supplyAsync(() -> {
            try {
                return run.runContinuous(stop);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        int partitions = 256;
        try {
            long[] snapshot = awaitProgress(lines, p -> p[0] >= entities && p[1] >= partitions);
            long snapshotAt = System.nanoTime();
            long[] quiet = awaitProgress(lines, p -> p[1] >= snapshot[1] + 2L * partitions);
            double seconds = (System.nanoTime() - snapshotAt) / 1e9;
            report.value("reconcile_continuous_cycle_seconds", seconds * partitions / (quiet[1] - snapshot[1]));
            report.value("reconcile_continuous_quiet_scans", quiet[1] - snapshot[1]);
            report.value("reconcile_continuous_quiet_records_read", quiet[0] - snapshot[0]);
            report.value("reconcile_continuous_quiet_differences", quiet[2]);
            check("differences a continuous run reports over the repaired store", quiet[2], 0);
        } finally {
            stop.request("bench over");
        }
        check("continuous run stopped with a savepoint", ended.get(3, TimeUnit.MINUTES).stopped() ? 1 : 0, 1);
    }

    private static final Pattern PROGRESS = Pattern.compile(
            "reconcile: ([\\d,]+) records read .*?, ([\\d,]+) partition scans of \\d+ partitions, [\\d,]+ points read, ([\\d,]+) differences reported");

    /** Waits (at most 10 minutes) for the continuous run's progress to meet {@code condition}: records read, scans, differences. */
    private static long[] awaitProgress(ByteArrayOutputStream lines, Predicate<long[]> condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (System.nanoTime() < deadline) {
            Matcher matcher = PROGRESS.matcher(lines.toString(StandardCharsets.UTF_8));
            long[] last = null;
            while (matcher.find()) {
                last = new long[3];
                for (int g = 0; g < 3; g++) {
                    last[g] = Long.parseLong(matcher.group(g + 1).replace(",", ""));
                }
            }
            if (last != null && condition.test(last)) {
                return last;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the continuous run did not get there in 10 minutes:\n"
                + lines.toString(StandardCharsets.UTF_8));
    }

    /**
     * Loads and migrates a table of {@code size} entities, reconciles it in a JVM of its own and
     * reports the job's peak live heap: RocksDB keeps the partitions' state off the heap, so it
     * must not grow with the entities.
     */
    private long heapPeak(BenchReport report, EmbeddedSurrealDb db, SurrealClient surreal, QdrantTestServer qdrant,
            Path work, long size, int d) throws Exception {
        String label = size / 1000 + "k";
        String table = "bench_heap_" + label;
        String collection = "bench_heap_" + label;
        new SurrealLoader(surreal).load(table, new BenchDataset(d, 7), size);
        Path files = Files.createDirectories(work.resolve("heap-" + label));
        List<String> migrateArgs = BenchTables.migrateArgs(db.baseUrl(), qdrant.host(), qdrant.port(), table, collection,
                d, parallelism, 1024, files);
        MigrationReport migration = new MigrationRun(BenchTables.parse(migrateArgs), new MiniClusterRunner(false), quiet(),
                false, Duration.ofSeconds(3)).start().awaitReport();
        check("heap check migration " + label, migration.successful(), size);
        List<String> probeArgs = new ArrayList<>(List.of(HeapProbe.RECONCILE));
        probeArgs.addAll(migrateArgs);
        probeArgs.addAll(List.of("--findings", files.resolve("findings.jsonl").toString()));
        Map<String, String> probe = HeapCheck.run(probeArgs, heapMax, work.resolve("heap-" + label + ".log"), null);
        check("heap check reconciliation " + label, Long.parseLong(probe.get("entities")), size);
        try (QdrantConnection connection = QdrantConnection.open(
                QdrantConnectionConfig.builder().host(qdrant.host()).port(qdrant.port()).build())) {
            connection.client().deleteCollectionAsync(collection).get(60, TimeUnit.SECONDS);
        }
        surreal.query("REMOVE TABLE " + table, Map.of());
        System.gc();
        long live = Long.parseLong(probe.get("peak_live_heap_mb"));
        report.value("reconcile_heap_" + label + "_entities_per_s",
                size * 1000.0 / Math.max(1, Long.parseLong(probe.get("duration_ms"))));
        report.value("reconcile_heap_samples_" + label, Long.parseLong(probe.get("heap_samples")));
        report.value("reconcile_median_heap_mb_" + label, Long.parseLong(probe.get("median_live_heap_mb")));
        report.value("reconcile_peak_heap_mb_" + label, live);
        return live;
    }

    /** A pipeline's bound on this machine: both sides share the CPU. */
    private static double bound(double source, double scan) {
        return 1 / (1 / source + 1 / scan);
    }

    private void migrate(EmbeddedSurrealDb db, QdrantTestServer qdrant, Path work) throws Exception {
        MigrateOptions options = BenchTables.parse(BenchTables.migrateArgs(db.baseUrl(), qdrant.host(), qdrant.port(),
                TABLE, COLLECTION, dim, parallelism, 1024, Files.createDirectories(work.resolve("migrate"))));
        MigrationReport migration = new MigrationRun(options, new MiniClusterRunner(false), quiet(), false, Duration.ofSeconds(3))
                .start().awaitReport();
        if (migration.status() != MigrationReport.Status.FINISHED || migration.successful() != entities) {
            throw new IllegalStateException("the migration did not finish cleanly: " + migration.summary());
        }
    }

    private ReconcileOptions options(EmbeddedSurrealDb db, QdrantTestServer qdrant, Path files, List<String> more) {
        List<String> args = new ArrayList<>(BenchTables.migrateArgs(db.baseUrl(), qdrant.host(), qdrant.port(),
                TABLE, COLLECTION, dim, parallelism, 1024, files));
        args.addAll(List.of("--findings", files.resolve("findings.jsonl").toString()));
        args.addAll(more);
        ReconcileCommand command = new ReconcileCommand();
        new CommandLine(command).parseArgs(args.toArray(String[]::new));
        command.options().validate();
        return command.options();
    }

    private static ReconcileReport reconcile(ReconcileOptions options) throws Exception {
        ReconcileReport report = new ReconcileRun(options, new MiniClusterRunner(false), quiet(), Duration.ofSeconds(3)).run();
        if (!report.finished()) {
            throw new IllegalStateException("the reconciliation did not finish: " + report.summary());
        }
        return report;
    }

    /** Point ids of the differences planted: 40% points deleted, 30% records changed, 30% orphans. */
    private Set<String> plant(SurrealClient surreal, QdrantTestServer qdrant) throws Exception {
        Set<String> planted = new HashSet<>();
        long step = entities / differences;
        int missing = differences * 4 / 10;
        int changed = differences * 3 / 10;
        int orphans = differences - missing - changed;
        try (QdrantConnection connection = QdrantConnection.open(
                QdrantConnectionConfig.builder().host(qdrant.host()).port(qdrant.port()).build())) {
            for (int n = 0; n < missing; n++) {
                UUID point = pointOf(n * step);
                connection.client().deleteAsync(COLLECTION, List.of(PointIdFactory.id(point))).get(30, TimeUnit.SECONDS);
                planted.add(point.toString());
            }
            for (int n = 0; n < changed; n++) {
                long index = (missing + n) * step;
                surreal.query("UPDATE $id SET title = $title",
                        Map.of("id", SurrealRecordId.of(TABLE, BenchDataset.key(index)), "title", "changed " + n));
                planted.add(pointOf(index).toString());
            }
            List<PointStruct> points = new ArrayList<>();
            for (int n = 0; n < orphans; n++) {
                UUID id = UUID.nameUUIDFromBytes(("bench-orphan-" + n).getBytes(StandardCharsets.UTF_8));
                List<Float> vector = new ArrayList<>();
                for (int d = 0; d < dim; d++) {
                    vector.add((float) ((d + n) % 7));
                }
                points.add(PointStruct.newBuilder().setId(PointIdFactory.id(id)).setVectors(VectorsFactory.vectors(vector))
                        .putPayload(PayloadFields.TABLE, ValueFactory.value(TABLE)).build());
                planted.add(id.toString());
            }
            connection.client().upsertAsync(COLLECTION, points).get(60, TimeUnit.SECONDS);
        }
        return planted;
    }

    private static UUID pointOf(long index) {
        return PointIds.pointId(RecordId.of(TABLE, BenchDataset.key(index)));
    }

    private static PrintStream quiet() {
        return new PrintStream(OutputStream.nullOutputStream());
    }

    private static void check(String step, long actual, long expected) {
        if (actual != expected) {
            throw new IllegalStateException(step + ": " + actual + ", expected " + expected);
        }
    }
}
