package io.cortexsync.cli.cluster;

import io.cortexsync.cli.DurationConverter;
import io.cortexsync.cli.migrate.MigrateOptions;
import io.cortexsync.cli.migrate.MigrationReport;
import io.cortexsync.cli.migrate.MigrationReports;
import io.cortexsync.cli.migrate.MigrationRun;
import io.cortexsync.cli.run.RestClusterRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.time.Duration;

/**
 * {@code cortex-sync submit migrate --jobmanager http://host:8081 <migrate options>}: the migration
 * as a job on a session cluster, followed from here until it ends; prints (and with {@code --report}
 * writes) the report. Exit code 0 when the migration finished (and verified) cleanly.
 */
@Command(
        name = "migrate",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the migration finished (and verified, with --verify)",
            "1:the job failed or was cancelled, verification found incorrect points, or the cluster was lost",
            "2:an option is wrong, or a store or the cluster is unreachable, refuses access or does not fit"
        },
        description = {
            "Migrate SurrealDB table(s) into a Qdrant collection as a job on a Flink session cluster.",
            "Checks the stores first, uploads the job jar, runs it and prints progress until it ends.",
            "Then merges the dead letters, verifies (--verify) and prints the report.",
            "Paths and store addresses must be reachable from this machine and from the cluster alike."
        })
public final class SubmitMigrateCommand extends SubmitJobCommand {

    @Option(names = "--progress-interval", paramLabel = "DURATION", defaultValue = "3s", converter = DurationConverter.class,
            description = "Time between progress lines (default: ${DEFAULT-VALUE}).")
    Duration progressInterval;

    @Mixin
    MigrateOptions options;

    public SubmitMigrateCommand() {
        this(System.out, System.err);
    }

    SubmitMigrateCommand(PrintStream out, PrintStream err) {
        super(out, err);
    }

    @Override
    int submit(RestClusterRunner runner) throws Exception {
        MigrationReport report = new MigrationRun(options, runner, out, System.console() != null, progressInterval)
                .timedFromProcessStart().run();
        return MigrationReports.print(report, options, out);
    }
}
