package io.cortexsync.bench.migrate;

import io.cortexsync.jobs.migrate.LocalMigration;
import io.cortexsync.jobs.migrate.MigrateOptions;
import io.cortexsync.jobs.migrate.MigrationPreflight;
import io.cortexsync.jobs.migrate.MigrationReport;
import io.cortexsync.jobs.migrate.PreflightResult;

import java.io.OutputStream;
import java.io.PrintStream;

/**
 * One migration exactly as {@code cortex-sync migrate} runs it on this machine: preflight,
 * collection in bulk-load mode, the MigrationPipeline on a local MiniCluster with RocksDB and
 * checkpoints, dead-letter merge and report. Only the progress line is left out.
 */
final class MigrationRun {

    private MigrationRun() {}

    /** The report of a clean migration, and how long its preflight (checks and counts) took before the job. */
    record Result(MigrationReport report, long preflightMs) {}

    static Result run(MigrateOptions options) throws Exception {
        long start = System.nanoTime();
        PreflightResult preflight = new MigrationPreflight(options).run();
        long preflightMs = (System.nanoTime() - start) / 1_000_000;
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        MigrationReport report = new LocalMigration(options, preflight, quiet).start().awaitReport();
        if (report.status() != MigrationReport.Status.FINISHED || report.failed() != 0
                || report.successful() != preflight.totalRecords()) {
            throw new IllegalStateException("the migration did not finish cleanly: " + report.summary());
        }
        return new Result(report, preflightMs);
    }
}
