package io.cortexsync.cli.migrate;

import io.cortexsync.cli.timing.RunTimings;

import java.io.IOException;
import java.io.PrintStream;

/** How both migrate commands end: the summary, where the dead letters are, the report, the exit code. */
public final class MigrationReports {

    private MigrationReports() {}

    /** Prints {@code report} (and writes it with {@code --report}); returns the command's exit code. */
    public static int print(MigrationReport report, MigrateOptions options, PrintStream out) throws IOException {
        out.println(report.summary());
        if (options.timings()) {
            out.println("timings: " + RunTimings.describe(report.timingsMs()));
        }
        if (report.deadLettered() > 0) {
            out.println("dead letters: " + options.run().deadLetter().toAbsolutePath());
        }
        if (options.run().report() != null) {
            report.writeTo(options.run().report());
            out.println("report: " + options.run().report().toAbsolutePath());
        } else {
            out.println(report.toJsonText());
        }
        return report.ok() ? 0 : 1;
    }
}
