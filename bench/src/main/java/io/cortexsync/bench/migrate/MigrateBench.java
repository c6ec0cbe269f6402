package io.cortexsync.bench.migrate;

import io.cortexsync.bench.BenchDirs;
import io.cortexsync.bench.BenchReport;
import io.cortexsync.bench.BenchSurreal;
import io.cortexsync.bench.Rate;
import io.cortexsync.bench.surreal.BenchDataset;
import io.cortexsync.bench.surreal.EngineScan;
import io.cortexsync.bench.surreal.SurrealLoader;
import io.cortexsync.connector.qdrant.client.QdrantConnection;
import io.cortexsync.connector.qdrant.client.QdrantConnectionConfig;
import io.cortexsync.connector.surrealdb.client.SurrealClient;
import io.cortexsync.cli.migrate.MigrateOptions;
import io.cortexsync.cli.migrate.MigrationReport;
import io.cortexsync.testkit.qdrant.QdrantTestServer;
import io.cortexsync.testkit.surrealdb.EmbeddedSurrealDb;

import io.qdrant.client.grpc.Collections.VectorParams;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * {@code bench.sh migrate}: the migration's rate beside the rates of its two halves, all measured
 * in this run on this machine, and the job's peak heap at two table sizes.
 */
@Command(name = "migrate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Migration rate (the real MigrationPipeline: SurrealSource -> converter -> QdrantSink, RocksDB and "
                    + "checkpoints on, as 'cortex-sync migrate' runs it) beside, in the same run, the source-only rate "
                    + "(the same source and converter into a discarding sink) and the sink-only rate (entities "
                    + "generated in memory into the migration's QdrantSink). SurrealDB runs embedded with its table "
                    + "on disk, Qdrant is the testkit server in this JVM. Every rate is entities / whole job time, "
                    + "Flink's start-up included; the migration's checks and counts before its job are "
                    + "migrate_preflight_seconds. migrate_ratio = migration rate / the slower half's rate. "
                    + "The three jobs run --rounds times in this JVM, one after the other in each round, as a warm "
                    + "TaskManager would run them. The first --warmup-rounds rounds pay for compiling the pipeline's "
                    + "code (on two cores the JIT takes about a quarter of the CPU in a 20 s job) and are not counted; "
                    + "each rate without a round in its name is the entities of the counted rounds over their summed "
                    + "job times, so that one round slowed by the machine weighs as one sample. Every round's own "
                    + "rates and ratio are printed as migrate_round_N_*. "
                    + "The engine's own bounded-range scan (1,000-key ranges, --parallelism threads, no Flink) runs "
                    + "before the jobs and after them; migrate_engine_ratio = migration rate / the faster scan.",
            "Peak heap (--heap-check): the migration of a table of 50k and of 200k entities, each in a JVM of its "
                    + "own (-Xmx from --heap-max) so that the servers' data does not count; a sampler forces a full "
                    + "collection every second and keeps the largest heap used right after one "
                    + "(migrate_peak_heap_mb_*: the most the job kept alive; migrate_median_heap_mb_*: the median of "
                    + "those readings); the heap pools' peak usage, reset after "
                    + "a collection before the job, is printed too (garbage included). migrate_heap_growth = "
                    + "200k peak / 50k peak."
        })
public final class MigrateBench implements Callable<Integer> {

    private static final String TABLE = "bench_entity";

    /** Keys per range of the engine scan: the source's default chunk size. */
    private static final int ENGINE_SCAN_RANGE = 1000;

    @Spec
    CommandSpec spec;

    @Option(names = "--entities", defaultValue = "100000", description = "Entities migrated for the rates (default: ${DEFAULT-VALUE}).")
    long entities;

    @Option(names = "--dim", defaultValue = "768", description = "Vector dimension (default: ${DEFAULT-VALUE}).")
    int dim;

    @Option(names = "--parallelism", defaultValue = "2", description = "Job parallelism (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(names = "--batch-size", defaultValue = "1024", description = "The migration's --batch-size (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--rounds", defaultValue = "3",
            description = "Rounds of the three jobs in this JVM, warm-up rounds included (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--warmup-rounds", defaultValue = "1",
            description = "Rounds run first and left out of the rates (default: ${DEFAULT-VALUE}); fewer than --rounds.")
    int warmupRounds;

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
        BenchReport report = new BenchReport(System.out);
        BenchDirs.inTempDirectory("bench-migrate-", work -> run(report, work));
        return 0;
    }

    private void run(BenchReport report, Path work) throws Exception {
        try (EmbeddedSurrealDb db = BenchSurreal.start(work);
                SurrealClient surreal = SurrealClient.create(BenchSurreal.connection(db));
                QdrantTestServer qdrant = QdrantTestServer.builder().port(0).build().start()) {
            report.value("entities", entities);
            report.value("dim", dim);
            report.value("parallelism", parallelism);
            report.value("batch_size", batchSize);

            Rate load = new SurrealLoader(surreal).load(TABLE, new BenchDataset(dim, 42), entities);
            report.value("surreal_load_entities_per_s", load.perSecond());

            Steps steps = new Steps(db.baseUrl(), qdrant, work);

            // The engine's own scan (no Flink), before the jobs and after them; the faster run is the
            // reference, so that a scan slowed by the store settling after the load cannot flatter the jobs.
            EngineScan engineScan = new EngineScan(surreal, "vector");
            Rate engineBefore = engineScan.scan(TABLE, BenchDataset.keyRanges(entities, ENGINE_SCAN_RANGE), parallelism);
            check("engine scan", engineBefore.items(), entities);

            List<Rates> counted = new ArrayList<>();
            for (int round = 1; round <= rounds; round++) {
                Rates rates = round(steps, round);
                String prefix = "migrate_round_" + round + "_";
                report.value(prefix + "source_entities_per_s", rates.source());
                report.value(prefix + "sink_entities_per_s", rates.sink());
                report.value(prefix + "entities_per_s", rates.migration());
                report.value(prefix + "ratio", rates.ratio());
                if (round > warmupRounds) {
                    counted.add(rates);
                }
            }
            Rates measured = Rates.pooled(counted);
            report.value("migrate_rounds", rounds);
            report.value("migrate_warmup_rounds", warmupRounds);
            report.value("migrate_source_entities_per_s", measured.source());
            report.value("migrate_sink_entities_per_s", measured.sink());
            report.value("migrate_preflight_seconds", measured.preflightMs() / 1e3);
            report.value("migrate_seconds", measured.migrationMs() / 1e3);
            report.value("migrate_checkpoints", measured.checkpoints());
            report.value("migrate_entities_per_s", measured.migration());

            Rate engineAfter = engineScan.scan(TABLE, BenchDataset.keyRanges(entities, ENGINE_SCAN_RANGE), parallelism);
            check("engine scan", engineAfter.items(), entities);
            double engine = Math.max(engineBefore.perSecond(), engineAfter.perSecond());
            report.value("migrate_engine_scan_before_entities_per_s", engineBefore.perSecond());
            report.value("migrate_engine_scan_after_entities_per_s", engineAfter.perSecond());
            report.value("migrate_engine_ratio", measured.migration() / engine);

            if (heapCheck) {
                int d = heapDim > 0 ? heapDim : dim;
                report.value("migrate_heap_dim", d);
                report.value("migrate_heap_max", heapMax);
                long small = heapPeak(report, steps, surreal, 50_000, d);
                long large = heapPeak(report, steps, surreal, 200_000, d);
                report.value("migrate_heap_growth", (double) large / small);
            }
            report.value("migrate_ratio", measured.ratio());
        }
    }

    /** The rates of one round: source only, sink only, then the migration, each a Flink job of its own. */
    private Rates round(Steps steps, int round) throws Exception {
        Path files = Files.createDirectories(steps.work.resolve("round-" + round));
        Rate source = SourceOnly.measure(steps.options(TABLE, "bench_source", dim, files), dim);
        check("source only", source.items(), entities);

        MigrateOptions sinkOptions = steps.options(TABLE, "bench_sink", dim, files);
        steps.createCollection(sinkOptions, dim);
        Rate sink = SinkOnly.measure(sinkOptions, entities, dim);
        check("sink only", steps.count("bench_sink"), entities);
        steps.dropCollection("bench_sink");

        TimedMigration.Result run = TimedMigration.run(steps.options(TABLE, "bench_migrate", dim, files));
        MigrationReport migration = run.report();
        check("migration", steps.count("bench_migrate"), entities);
        steps.dropCollection("bench_migrate");
        double migrationRate = entities * 1000.0 / Math.max(1, migration.durationMs());
        return new Rates(source.perSecond(), sink.perSecond(), migrationRate, run.preflightMs(),
                migration.durationMs(), migration.checkpoints());
    }

    /** What one round measured, or several rounds together. */
    private record Rates(double source, double sink, double migration, long preflightMs, long migrationMs, long checkpoints) {

        /** The migration's rate over the slower half's. */
        double ratio() {
            return migration / Math.min(source, sink);
        }

        /**
         * Rounds of the same entity count together: each rate is their entities over their summed
         * job times (the rates' harmonic mean); times and checkpoints are the rounds' means.
         */
        static Rates pooled(List<Rates> rounds) {
            int n = rounds.size();
            return new Rates(
                    n / rounds.stream().mapToDouble(r -> 1 / r.source).sum(),
                    n / rounds.stream().mapToDouble(r -> 1 / r.sink).sum(),
                    n / rounds.stream().mapToDouble(r -> 1 / r.migration).sum(),
                    Math.round(rounds.stream().mapToLong(Rates::preflightMs).average().orElseThrow()),
                    Math.round(rounds.stream().mapToLong(Rates::migrationMs).average().orElseThrow()),
                    Math.round(rounds.stream().mapToLong(Rates::checkpoints).average().orElseThrow()));
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
