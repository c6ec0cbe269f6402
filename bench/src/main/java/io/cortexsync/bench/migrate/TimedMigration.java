package io.cortexsync.bench.migrate;

import io.cortexsync.cli.preflight.SyncPreflight;
import io.cortexsync.cli.migrate.MigrateOptions;
import io.cortexsync.cli.migrate.MigrationReport;
import io.cortexsync.cli.migrate.MigrationRun;
import io.cortexsync.cli.run.MiniClusterRunner;

import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;

/**
 * One migration exactly as {@code cortex-sync migrate} runs it on this machine: preflight,
 * collection in bulk-load mode, the MigrationPipeline on a local MiniCluster with RocksDB and
 * checkpoints, dead-letter merge and report. Only the progress line is left out.
 */
final class TimedMigration {

    private TimedMigration() {}

    /** The report of a clean migration, and how long its preflight (checks and counts) takes. */
    record Result(MigrationReport report, long preflightMs) {}

    static Result run(MigrateOptions options) throws Exception {
        // the preflight alone, timed; the run checks again (a few key-only counts) before it starts
        long start = System.nanoTime();
        new SyncPreflight(options.stores(), options.target()).run();
        long preflightMs = (System.nanoTime() - start) / 1_000_000;
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        MigrationReport report = new MigrationRun(options, new MiniClusterRunner(false), quiet, false, Duration.ofSeconds(3))
                .start().awaitReport();
        if (report.status() != MigrationReport.Status.FINISHED || report.failed() != 0
                || report.successful() != report.totalEntities()) {
            throw new IllegalStateException("the migration did not finish cleanly: " + report.summary());
        }
        return new Result(report, preflightMs);
    }
}
