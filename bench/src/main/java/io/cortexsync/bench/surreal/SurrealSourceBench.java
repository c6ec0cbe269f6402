package io.cortexsync.bench.surreal;

import io.cortexsync.bench.BenchDirs;
import io.cortexsync.bench.BenchReport;
import io.cortexsync.bench.BenchSurreal;
import io.cortexsync.bench.Rate;
import io.cortexsync.connector.surrealdb.client.SurrealClient;
import io.cortexsync.connector.surrealdb.client.SurrealRange;
import io.cortexsync.connector.surrealdb.source.enumerator.ChunkSplitter;
import io.cortexsync.testkit.surrealdb.EmbeddedSurrealDb;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code bench.sh surreal-source}: the SurrealSource's snapshot rate beside the engine's own
 * bounded-range scan rate, both measured in this run on the same table, and their ratio.
 *
 * <p>{@code surreal_source_ratio} compares the source from its first record to its last (the
 * snapshot read) with the engine scan; {@code surreal_source_job_ratio} uses the whole job's
 * time instead, Flink start-up and the chunk boundary search included. The table is stored on
 * disk (surrealkv): 100k records of 768 floats would take about 9 GB in the in-memory engine.
 */
@Command(name = "surreal-source", mixinStandardHelpOptions = true,
        description = "SurrealSource snapshot rate vs the engine's bounded-range scan rate (same run).")
public final class SurrealSourceBench implements Callable<Integer> {

    static final String TABLE = "bench_entity";

    @Option(names = "--records", defaultValue = "100000", description = "Entities in the table (default: ${DEFAULT-VALUE}).")
    long records;

    @Option(names = "--dim", defaultValue = "768", description = "Vector dimension (default: ${DEFAULT-VALUE}).")
    int dim;

    @Option(names = "--parallelism", defaultValue = "2", description = "Source parallelism and engine scan threads (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(names = "--chunk-size", defaultValue = "2000", description = "Records per snapshot chunk (default: ${DEFAULT-VALUE}).")
    int chunkSize;

    @Override
    public Integer call() throws Exception {
        BenchReport report = new BenchReport(System.out);
        BenchDirs.inTempDirectory("bench-surreal-", dataDir -> run(report, dataDir));
        return 0;
    }

    private void run(BenchReport report, Path dataDir) throws Exception {
        try (EmbeddedSurrealDb db = BenchSurreal.start(dataDir);
                SurrealClient client = SurrealClient.create(BenchSurreal.connection(db))) {
            report.value("records", records);
            report.value("dim", dim);
            report.value("parallelism", parallelism);

            Rate load = new SurrealLoader(client).load(TABLE, new BenchDataset(dim, 42), records);
            report.value("surreal_load_records_per_s", load.perSecond());

            long splitStart = System.nanoTime();
            ChunkSplitter.Result split = new ChunkSplitter(chunkSize).cut(client, TABLE);
            double splitSeconds = (System.nanoTime() - splitStart) / 1e9;
            report.value("surreal_split_chunks", split.chunks().size());
            report.value("surreal_split_requests", split.requests());
            report.value("surreal_split_seconds", splitSeconds);

            // The engine is scanned before and after the source, and the faster of the two runs
            // is the reference: caches warmed by one run must not flatter the source.
            EngineScan engineScan = new EngineScan(client, "vector");
            Rate engineBefore = engineScan.scan(TABLE, chunks(), parallelism);
            check(engineBefore.items());
            SourceThroughput.Result source =
                    SourceThroughput.measure(BenchSurreal.connection(db), TABLE, parallelism, chunkSize);
            check(source.snapshot().items());
            Rate engineAfter = engineScan.scan(TABLE, chunks(), parallelism);
            check(engineAfter.items());
            double engine = Math.max(engineBefore.perSecond(), engineAfter.perSecond());

            report.value("surreal_engine_scan_before_records_per_s", engineBefore.perSecond());
            report.value("surreal_engine_scan_after_records_per_s", engineAfter.perSecond());
            report.value("surreal_engine_scan_records_per_s", engine);
            report.value("surreal_source_job_seconds", source.job().elapsed().toMillis() / 1e3);
            report.value("surreal_source_job_records_per_s", source.job().perSecond());
            report.value("surreal_source_job_ratio", source.job().perSecond() / engine);
            report.value("surreal_source_records_per_s", source.snapshot().perSecond());
            report.value("surreal_source_ratio", source.snapshot().perSecond() / engine);
        }
    }

    /** Chunks of the known key sequence: the engine scan needs no splitter of its own. */
    private List<SurrealRange> chunks() {
        return BenchDataset.keyRanges(records, chunkSize);
    }

    private void check(long read) {
        if (read != records) {
            throw new IllegalStateException("read " + read + " records, expected " + records);
        }
    }
}
