package io.cortexsync.bench.migrate;

import io.cortexsync.bench.BenchDirs;
import io.cortexsync.bench.BenchReport;
import io.cortexsync.bench.BenchSurreal;
import io.cortexsync.bench.Rate;
import io.cortexsync.bench.StoresCpu;
import io.cortexsync.bench.TimedProcess;
import io.cortexsync.bench.surreal.BenchDataset;
import io.cortexsync.bench.surreal.SurrealLoader;
import io.cortexsync.connector.qdrant.client.QdrantConnection;
import io.cortexsync.connector.qdrant.client.QdrantConnectionConfig;
import io.cortexsync.connector.surrealdb.client.SurrealClient;
import io.cortexsync.cli.migrate.MigrateOptions;
import io.cortexsync.cli.migrate.MigrationReport;
import io.cortexsync.testkit.qdrant.QdrantTestServer;
import io.cortexsync.testkit.surrealdb.EmbeddedSurrealDb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qdrant.client.grpc.Collections.VectorParams;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * {@code bench.sh migrate}: what a user sees of {@code cortex-sync migrate} against the copy they
 * would write without it, and what the job reaches against its two halves, on two data sets and
 * two table sizes, all in one run on this machine.
 */
@Command(name = "migrate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Start-up: 'cortex-sync migrate' of a 10-record table of the demo's rows, run through the launcher "
                    + "--startup-runs times (the first after a build records the class-data archive and is left out; "
                    + "on Java 25 and later the second too, which makes the AOT cache from that recording); "
                    + "migrate_startup_wall_seconds is the median wall time of the others, and the report's timings "
                    + "of the last are printed as migrate_startup_<phase>_seconds, and what follows them to the process's "
                    + "exit as migrate_startup_shutdown_seconds (its wall time less the phases); "
                    + "migrate_startup_process_cpu_seconds is their median CPU, the fixed cost of every run.",
            "Then, for each data set of --data (synthetic: a vector and four short fields; demo: the demo's "
                    + "realistic rows) and each size of --sizes, a table is loaded and, with <d>_<n>k naming the case:",
            "- the user's view: 'cortex-sync migrate' through the launcher, as a process of its own "
                    + "(migrate_wall_seconds_<d>_<n>k, migrate_entities_per_s_<d>_<n>k over that wall time, the "
                    + "report's job rate migrate_job_entities_per_s_<d>_<n>k and its time before the first record, "
                    + "migrate_startup_seconds_<d>_<n>k), its CPU from the operating system's accounting of the "
                    + "process (migrate_process_cpu_ms_per_entity_<d>_<n>k) and the stores' CPU meanwhile "
                    + "(migrate_stores_cpu_ms_per_entity_<d>_<n>k, migrate_stores_cpu_share_<d>_<n>k: the stores' part "
                    + "of all the CPU the run used); with --dry-run-floor, the same command with --dry-run, which "
                    + "reads, converts, hashes and encodes every point but writes none "
                    + "(migrate_dry_run_process_cpu_seconds_<d>_<n>k, migrate_dry_run_share_of_cpu_<d>_<n>k of the "
                    + "command's CPU); then the plain copy a user would write instead (PlainCopy: "
                    + "single-threaded, the project's SurrealDB client and io.qdrant:client, pages of 256 with "
                    + "START/LIMIT, upserts of 256 with wait=true) as a process of its own on the same table "
                    + "(plain_copy_wall_seconds_<d>_<n>k, plain_copy_cpu_ms_per_entity_<d>_<n>k), and "
                    + "migrate_vs_plain_copy_speedup_<d>_<n>k (the copy's wall time / the migration's) and "
                    + "migrate_vs_plain_copy_cpu_ratio_<d>_<n>k (the migration's process CPU / the copy's); with "
                    + "the stores' CPU during the copy (plain_copy_stores_cpu_ms_per_entity_<d>_<n>k), "
                    + "migrate_vs_plain_copy_total_cpu_ratio_<d>_<n>k is the same ratio of process and stores together, "
                    + "and migrate_dry_run_vs_plain_copy_cpu_ratio_<d>_<n>k the dry run's CPU / the copy's: how low "
                    + "the command's ratio could go if its writes cost nothing.",
            "- the bound: --rounds rounds in this JVM (the first --warmup-rounds not counted) of the migration's "
                    + "read side into a discarding sink, its write side fed from memory with the same rows, and the "
                    + "MigrationPipeline itself, each a whole job on a local MiniCluster; "
                    + "migrate_bound_entities_per_s_<d>_<n>k = 1/(1/source + 1/sink) and "
                    + "migrate_bound_ratio_<d>_<n>k = the migration's rate / that bound.",
            "Peak heap (--heap-check): the migration of a table of 50k and of 200k synthetic entities, each in a JVM "
                    + "of its own (-Xmx from --heap-max) so that the servers' data does not count; a sampler forces a "
                    + "full collection every second and keeps the largest heap used right after one "
                    + "(migrate_peak_heap_mb_*; migrate_median_heap_mb_*: the median of those readings; "
                    + "migrate_peak_heap_used_mb_*: the pools' peak, garbage included). migrate_heap_growth = "
                    + "200k peak / 50k peak."
        })
public final class MigrateBench implements Callable<Integer> {

    /** Records of the start-up table. */
    private static final int STARTUP_RECORDS = 10;

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Duration PROCESS_TIMEOUT = Duration.ofMinutes(30);

    @Spec
    CommandSpec spec;

    @Option(names = "--data", split = ",", defaultValue = "synthetic,demo",
            description = "Data sets, synthetic and/or demo (default: ${DEFAULT-VALUE}).")
    List<String> data;

    @Option(names = "--sizes", split = ",", defaultValue = "50000,150000",
            description = "Table sizes of each data set (default: ${DEFAULT-VALUE}).")
    List<Long> sizes;

    @Option(names = "--dim", defaultValue = "768", description = "Vector dimension (default: ${DEFAULT-VALUE}).")
    int dim;

    @Option(names = "--parallelism", defaultValue = "2", description = "Job parallelism (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(names = "--batch-size", defaultValue = "1024", description = "The migration's --batch-size (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--rounds", defaultValue = "2",
            description = "Rounds of the three bound jobs in this JVM, warm-up rounds included (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--warmup-rounds", defaultValue = "1",
            description = "Rounds run first and left out of the bound (default: ${DEFAULT-VALUE}); fewer than --rounds.")
    int warmupRounds;

    @Option(names = "--startup-runs", defaultValue = "4",
            description = "Runs of the 10-record migration through the launcher (default: ${DEFAULT-VALUE}); at least 2 "
                    + "(3 on Java 25 and later).")
    int startupRuns;

    @Option(names = "--plain-copy", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Also run the plain client copy on each table (default: ${DEFAULT-VALUE}).")
    boolean plainCopy;

    @Option(names = "--dry-run-floor", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Also run 'cortex-sync migrate --dry-run' on each table: the command's CPU before it writes "
                    + "a point (default: ${DEFAULT-VALUE}).")
    boolean dryRunFloor;

    @Option(names = "--heap-check", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Also measure the peak heap at 50k and 200k entities (default: ${DEFAULT-VALUE}).")
    boolean heapCheck;

    @Option(names = "--heap-dim", defaultValue = "0", description = "Vector dimension of the heap check's tables (default: --dim).")
    int heapDim;

    @Option(names = "--heap-max", defaultValue = "1g", description = "-Xmx of the heap check's JVMs (default: ${DEFAULT-VALUE}).")
    String heapMax;

    @Option(names = "--heap-histograms", paramLabel = "DIR",
            description = "Write the class histogram of each new peak reading to DIR/heap-50k.txt and DIR/heap-200k.txt.")
    Path heapHistograms;

    @Override
    public Integer call() throws Exception {
        if (warmupRounds < 0 || warmupRounds >= rounds) {
            throw new ParameterException(spec.commandLine(), "--warmup-rounds must be at least 0 and less than --rounds ("
                    + rounds + "), got " + warmupRounds);
        }
        if (startupRuns < preparingRuns() + 1) {
            throw new ParameterException(spec.commandLine(), "--startup-runs must be at least " + (preparingRuns() + 1)
                    + " on Java " + Runtime.version().feature() + ", got " + startupRuns);
        }
        List<BenchRows> dataSets = new ArrayList<>();
        for (String name : data) {
            try {
                dataSets.add(BenchRows.parse(name, dim));
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--data: synthetic or demo, got '" + name + "'");
            }
        }
        BenchReport report = new BenchReport(System.out);
        BenchDirs.inTempDirectory("bench-migrate-", work -> run(report, work, dataSets));
        return 0;
    }

    private void run(BenchReport report, Path work, List<BenchRows> dataSets) throws Exception {
        try (EmbeddedSurrealDb db = BenchSurreal.start(work);
                SurrealClient surreal = SurrealClient.create(BenchSurreal.connection(db));
                QdrantTestServer qdrant = QdrantTestServer.builder().port(0).build().start()) {
            report.value("dim", dim);
            report.value("parallelism", parallelism);
            report.value("batch_size", batchSize);
            report.value("cpus", Runtime.getRuntime().availableProcessors());
            Steps steps = new Steps(db.baseUrl(), qdrant, work);
            startUp(report, steps, surreal);
            for (BenchRows rows : dataSets) {
                for (long size : sizes) {
                    measureCase(report, steps, surreal, new StoresCpu(db), rows, size);
                }
            }
            if (heapCheck) {
                int d = heapDim > 0 ? heapDim : dim;
                report.value("migrate_heap_dim", d);
                report.value("migrate_heap_max", heapMax);
                long small = heapPeak(report, steps, surreal, 50_000, d);
                long large = heapPeak(report, steps, surreal, 200_000, d);
                report.value("migrate_heap_growth", (double) large / small);
            }
        }
    }

    /**
     * The start-up runs left out: the first after a build records the launcher's archive; on Java 25
     * and later the second makes the AOT cache from that recording. The launcher runs the JVM this
     * bench runs on (both follow {@code JAVA_HOME}).
     */
    private static int preparingRuns() {
        return Runtime.version().feature() >= 25 ? 2 : 1;
    }

    /** A 10-record migration through the launcher, as a user starts one. */
    private void startUp(BenchReport report, Steps steps, SurrealClient surreal) throws Exception {
        BenchRows rows = new BenchRows(BenchRows.Kind.DEMO, dim);
        String table = "bench_startup";
        new SurrealLoader(surreal).load(table, rows::row, rows::key, STARTUP_RECORDS);
        List<Long> walls = new ArrayList<>();
        List<Long> cpus = new ArrayList<>();
        JsonNode timings = null;
        for (int run = 1; run <= startupRuns; run++) {
            Path files = steps.work.resolve("startup-" + run);
            Path reportFile = files.resolve("report.json");
            List<String> args = steps.args(table, "bench_startup", dim, files);
            args.addAll(List.of("--report", reportFile.toString()));
            TimedProcess.Result result = TimedProcess.run(steps.launcher("migrate", args), files, "migrate", PROCESS_TIMEOUT)
                    .requireSuccess("the start-up migration");
            report.value("migrate_startup_run_" + run + "_wall_seconds", result.wallMs() / 1e3);
            if (run > preparingRuns()) {
                walls.add(result.wallMs());
                cpus.add(result.cpuMs());
            }
            timings = JSON.readTree(reportFile.toFile()).get("timingsMs");
        }
        long lastWall = walls.get(walls.size() - 1);
        walls.sort(null);
        report.value("migrate_startup_records", STARTUP_RECORDS);
        long phasesMs = 0;
        for (Iterator<Map.Entry<String, JsonNode>> phases = timings.fields(); phases.hasNext(); ) {
            Map.Entry<String, JsonNode> phase = phases.next();
            phasesMs += phase.getValue().asLong();
            report.value("migrate_startup_" + phase.getKey().replace(' ', '_').replace('-', '_') + "_seconds",
                    phase.getValue().asLong() / 1e3);
        }
        // what the report cannot time: from its last phase to the process's exit, seen from outside
        report.value("migrate_startup_shutdown_seconds", Math.max(0, lastWall - phasesMs) / 1e3);
        report.value("migrate_startup_wall_seconds", walls.get(walls.size() / 2) / 1e3);
        // the fixed cost that every run pays, whatever its size: JVM, MiniCluster, preflight, job start
        cpus.sort(null);
        report.value("migrate_startup_process_cpu_seconds", cpus.get(cpus.size() / 2) / 1e3);
        steps.dropCollection("bench_startup");
        surreal.query("REMOVE TABLE " + table, Map.of());
    }

    /** Every figure of one data set at one size. */
    private void measureCase(BenchReport report, Steps steps, SurrealClient surreal, StoresCpu stores,
            BenchRows rows, long size) throws Exception {
        String name = rows.name() + "_" + size / 1000 + "k";
        String table = "bench_" + name;
        Rate load = new SurrealLoader(surreal).load(table, rows::row, rows::key, size);
        report.value("surreal_load_entities_per_s_" + name, load.perSecond());

        // the user's view: the command and the plain copy, each a process of its own
        Path files = steps.work.resolve(name);
        Path reportFile = files.resolve("report.json");
        List<String> args = steps.args(table, "bench_migrate_" + name, dim, files);
        args.addAll(List.of("--report", reportFile.toString()));
        long storesBefore = stores.nowMs();
        TimedProcess.Result migrate = TimedProcess.run(steps.launcher("migrate", args), files, "migrate", PROCESS_TIMEOUT)
                .requireSuccess("cortex-sync migrate of " + table);
        long storesMs = stores.nowMs() - storesBefore;
        check("cortex-sync migrate of " + table, steps.count("bench_migrate_" + name), size);
        steps.dropCollection("bench_migrate_" + name);
        JsonNode job = JSON.readTree(reportFile.toFile());
        long startupMs = 0;
        for (String phase : List.of("start-up", "preflight", "collection setup", "job start")) {
            startupMs += job.get("timingsMs").get(phase).asLong();
        }
        report.value("migrate_wall_seconds_" + name, migrate.wallMs() / 1e3);
        report.value("migrate_entities_per_s_" + name, size * 1000.0 / migrate.wallMs());
        report.value("migrate_job_entities_per_s_" + name, size * 1000.0 / Math.max(1, job.get("durationMs").asLong()));
        report.value("migrate_startup_seconds_" + name, startupMs / 1e3);
        report.value("migrate_process_cpu_seconds_" + name, migrate.cpuMs() / 1e3);
        report.value("migrate_process_cpu_ms_per_entity_" + name, (double) migrate.cpuMs() / size);
        report.value("migrate_stores_cpu_ms_per_entity_" + name, (double) storesMs / size);
        report.value("migrate_stores_cpu_share_" + name, (double) storesMs / (storesMs + migrate.cpuMs()));

        // the same command writing nothing: it reads, converts, hashes and encodes every point, so its
        // CPU is a floor that no change on the write side can take the command below
        TimedProcess.Result dryRun = null;
        if (dryRunFloor) {
            Path dryFiles = steps.work.resolve(name + "-dry-run");
            List<String> dryArgs = steps.args(table, "bench_dry_run_" + name, dim, dryFiles);
            Path dryReport = dryFiles.resolve("report.json");
            dryArgs.addAll(List.of("--dry-run", "--report", dryReport.toString()));
            dryRun = TimedProcess.run(steps.launcher("migrate", dryArgs), dryFiles, "migrate-dry-run", PROCESS_TIMEOUT)
                    .requireSuccess("cortex-sync migrate --dry-run of " + table);
            check("cortex-sync migrate --dry-run of " + table, JSON.readTree(dryReport.toFile()).get("successful").asLong(), size);
            report.value("migrate_dry_run_process_cpu_seconds_" + name, dryRun.cpuMs() / 1e3);
            report.value("migrate_dry_run_share_of_cpu_" + name, (double) dryRun.cpuMs() / migrate.cpuMs());
        }

        if (plainCopy) {
            long plainStoresBefore = stores.nowMs();
            TimedProcess.Result plain = TimedProcess.run(steps.plainCopy(table, "bench_plain_" + name, dim),
                    files, "plain-copy", PROCESS_TIMEOUT).requireSuccess("the plain copy of " + table);
            long plainStoresMs = stores.nowMs() - plainStoresBefore;
            check("the plain copy of " + table, steps.count("bench_plain_" + name), size);
            steps.dropCollection("bench_plain_" + name);
            report.value("plain_copy_wall_seconds_" + name, plain.wallMs() / 1e3);
            report.value("plain_copy_entities_per_s_" + name, size * 1000.0 / plain.wallMs());
            report.value("plain_copy_cpu_ms_per_entity_" + name, (double) plain.cpuMs() / size);
            report.value("migrate_vs_plain_copy_speedup_" + name, (double) plain.wallMs() / migrate.wallMs());
            report.value("migrate_vs_plain_copy_cpu_ratio_" + name, (double) migrate.cpuMs() / plain.cpuMs());
            if (dryRun != null) {
                report.value("migrate_dry_run_vs_plain_copy_cpu_ratio_" + name, (double) dryRun.cpuMs() / plain.cpuMs());
            }
            // what each costs the machine: its own process and the stores' work it causes
            report.value("plain_copy_stores_cpu_ms_per_entity_" + name, (double) plainStoresMs / size);
            report.value("migrate_vs_plain_copy_total_cpu_ratio_" + name,
                    (double) (migrate.cpuMs() + storesMs) / (plain.cpuMs() + plainStoresMs));
        }

        // the bound: both halves and the migration, warm, in this JVM
        List<Rates> counted = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            Rates rates = round(steps, rows, table, size, name + "-round-" + round);
            if (round > warmupRounds) {
                counted.add(rates);
            }
        }
        Rates measured = Rates.pooled(counted);
        double bound = 1 / (1 / measured.source() + 1 / measured.sink());
        report.value("migrate_source_entities_per_s_" + name, measured.source());
        report.value("migrate_sink_entities_per_s_" + name, measured.sink());
        report.value("migrate_in_jvm_entities_per_s_" + name, measured.migration());
        report.value("migrate_bound_entities_per_s_" + name, bound);
        report.value("migrate_bound_ratio_" + name, measured.migration() / bound);
        surreal.query("REMOVE TABLE " + table, Map.of());
    }

    /** The rates of one round: source only, sink only, then the migration, each a Flink job of its own. */
    private Rates round(Steps steps, BenchRows rows, String table, long size, String label) throws Exception {
        Path files = Files.createDirectories(steps.work.resolve(label));
        Rate source = SourceOnly.measure(steps.options(table, "bench_source", dim, files), dim);
        check("source only", source.items(), size);

        MigrateOptions sinkOptions = steps.options(table, "bench_sink", dim, files);
        steps.createCollection(sinkOptions, dim);
        Rate sink = SinkOnly.measure(sinkOptions, rows, table, size);
        check("sink only", steps.count("bench_sink"), size);
        steps.dropCollection("bench_sink");

        TimedMigration.Result run = TimedMigration.run(steps.options(table, "bench_in_jvm", dim, files));
        MigrationReport migration = run.report();
        check("migration", steps.count("bench_in_jvm"), size);
        steps.dropCollection("bench_in_jvm");
        // timed as the halves are: from the MiniCluster's start to the job's end
        long jobMs = migration.timingsMs().get("job start") + migration.timingsMs().get("snapshot");
        double migrationRate = size * 1000.0 / Math.max(1, jobMs);
        return new Rates(source.perSecond(), sink.perSecond(), migrationRate);
    }

    /** What one round measured, or several rounds together. */
    private record Rates(double source, double sink, double migration) {

        /** Rounds together: each rate is their entities over their summed job times (the rates' harmonic mean). */
        static Rates pooled(List<Rates> rounds) {
            int n = rounds.size();
            return new Rates(
                    n / rounds.stream().mapToDouble(r -> 1 / r.source).sum(),
                    n / rounds.stream().mapToDouble(r -> 1 / r.sink).sum(),
                    n / rounds.stream().mapToDouble(r -> 1 / r.migration).sum());
        }
    }

    /** Loads a table of {@code size} entities, migrates it in a JVM of its own and reports its peak live heap. */
    private long heapPeak(BenchReport report, Steps steps, SurrealClient surreal, long size, int d) throws Exception {
        String label = size / 1000 + "k";
        String table = "bench_heap_" + label;
        new SurrealLoader(surreal).load(table, new BenchDataset(d, 7), size);
        String collection = "bench_heap_" + label;
        List<String> probeArgs = new ArrayList<>(List.of(HeapProbe.MIGRATE));
        probeArgs.addAll(steps.args(table, collection, d));
        Map<String, String> probe = HeapCheck.run(probeArgs, heapMax,
                steps.work.resolve("heap-" + label + ".log"),
                heapHistograms == null ? null : Files.createDirectories(heapHistograms).resolve("heap-" + label + ".txt"));
        check("heap check " + label, steps.count(collection), size);
        steps.dropCollection(collection);
        surreal.query("REMOVE TABLE " + table, Map.of());
        long live = Long.parseLong(probe.get("peak_live_heap_mb"));
        report.value("migrate_heap_" + label + "_entities_per_s",
                size * 1000.0 / Math.max(1, Long.parseLong(probe.get("duration_ms"))));
        report.value("migrate_heap_samples_" + label, Long.parseLong(probe.get("heap_samples")));
        report.value("migrate_peak_heap_used_mb_" + label, Long.parseLong(probe.get("peak_heap_used_mb")));
        report.value("migrate_median_heap_mb_" + label, Long.parseLong(probe.get("median_live_heap_mb")));
        report.value("migrate_peak_heap_mb_" + label, live);
        return live;
    }

    /** What every step shares: where the servers are and where files go. */
    private final class Steps {

        private final String surrealUrl;
        private final QdrantTestServer qdrant;
        private final Path work;

        Steps(String surrealUrl, QdrantTestServer qdrant, Path work) {
            this.surrealUrl = surrealUrl;
            this.qdrant = qdrant;
            this.work = work;
        }

        List<String> args(String table, String collection, int dimension) {
            return args(table, collection, dimension, work);
        }

        /** The command line of a step whose checkpoints and dead letters go to {@code files}. */
        List<String> args(String table, String collection, int dimension, Path files) {
            return BenchTables.migrateArgs(surrealUrl, qdrant.host(), qdrant.port(), table, collection,
                    dimension, parallelism, batchSize, files);
        }

        /** {@code scripts/cortex-sync <command> <args>}: what a user runs. */
        List<String> launcher(String command, List<String> args) {
            String root = System.getProperty("cortexsync.root");
            if (root == null) {
                throw new IllegalStateException("run the bench through scripts/bench.sh: it says where the launcher is");
            }
            List<String> line = new ArrayList<>(List.of(Path.of(root, "scripts", "cortex-sync").toString(), command));
            line.addAll(args);
            return line;
        }

        /** The plain copy of {@code table} into {@code collection}, in a JVM like this one. */
        List<String> plainCopy(String table, String collection, int dimension) {
            List<String> line = new ArrayList<>();
            line.add(ProcessHandle.current().info().command().orElse("java"));
            ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                    .filter(arg -> arg.startsWith("--add-opens")).forEach(line::add);
            line.addAll(List.of("-cp", System.getProperty("java.class.path"), PlainCopy.class.getName(),
                    "--surreal-url", surrealUrl, "--surreal-ns", BenchSurreal.NAMESPACE, "--surreal-db", BenchSurreal.DATABASE,
                    "--surreal-user", BenchSurreal.USER, "--surreal-pass", BenchSurreal.PASSWORD, "--table", table,
                    "--qdrant-host", qdrant.host(), "--qdrant-port", String.valueOf(qdrant.port()),
                    "--collection", collection, "--dim", String.valueOf(dimension)));
            return line;
        }

        MigrateOptions options(String table, String collection, int dimension, Path files) {
            return BenchTables.parse(args(table, collection, dimension, files));
        }

        private QdrantConnection connect() {
            return QdrantConnection.open(QdrantConnectionConfig.builder().host(qdrant.host()).port(qdrant.port()).build());
        }

        void createCollection(MigrateOptions options, int dimension) throws Exception {
            try (QdrantConnection admin = connect()) {
                admin.client().createCollectionAsync(options.collection(),
                        VectorParams.newBuilder()
                                .setSize(dimension).setDistance(options.distance().qdrant()).build())
                        .get(30, TimeUnit.SECONDS);
            }
        }

        long count(String collection) throws Exception {
            try (QdrantConnection admin = connect()) {
                return admin.client().countAsync(collection).get(60, TimeUnit.SECONDS);
            }
        }

        /** The test server keeps points on the heap: a finished step's points must not weigh on the next. */
        void dropCollection(String collection) throws Exception {
            try (QdrantConnection admin = connect()) {
                admin.client().deleteCollectionAsync(collection).get(30, TimeUnit.SECONDS);
            }
            System.gc();
        }
    }

    private static void check(String step, long actual, long expected) {
        if (actual != expected) {
            throw new IllegalStateException(step + ": " + actual + " entities, expected " + expected);
        }
    }
}
