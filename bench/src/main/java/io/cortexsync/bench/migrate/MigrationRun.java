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

    static MigrationReport run(MigrateOptions options) throws Exception {
        PreflightResult preflight = new MigrationPreflight(options).run();
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        MigrationReport report = new LocalMigration(options, preflight, quiet).start().awaitReport();
        if (report.status() != MigrationReport.Status.FINISHED || report.failed() != 0
                || report.successful() != preflight.totalRecords()) {
            throw new IllegalStateException("the migration did not finish cleanly: " + report.summary());
        }
        return report;
    }
}
