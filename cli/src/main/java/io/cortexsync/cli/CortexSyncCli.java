package io.cortexsync.cli;

import io.cortexsync.cli.cdc.CdcCommand;
import io.cortexsync.cli.cdc.CdcOptions;
import io.cortexsync.cli.check.CheckCommand;
import io.cortexsync.cli.dualwrite.DualWriteCommand;
import io.cortexsync.cli.dualwrite.DualWriteCommandOptions;
import io.cortexsync.cli.cluster.StatusCommand;
import io.cortexsync.cli.cluster.StopCommand;
import io.cortexsync.cli.cluster.SubmitCommand;
import io.cortexsync.cli.demo.DemoDataCommand;
import io.cortexsync.cli.logging.GrpcLogging;
import io.cortexsync.cli.logging.LoggingWarmUp;
import io.cortexsync.cli.migrate.MigrateCommand;
import io.cortexsync.cli.migrate.MigrateOptions;
import io.cortexsync.cli.reconcile.ReconcileCommand;
import io.cortexsync.cli.reconcile.ReconcileOptions;
import io.cortexsync.cli.timing.RunTimings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

import java.io.PrintWriter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/** {@code cortex-sync}: the command line of the jobs. */
@Command(
        name = "cortex-sync",
        mixinStandardHelpOptions = true,
        description = "Keeps SurrealDB and Qdrant consistent with Apache Flink jobs.")
public final class CortexSyncCli {

    /**
     * The subcommands by name, made when needed: picocli reflects over every option of a command
     * it is given, 0.1 s of a run's start for all of them, so a run builds only its own.
     */
    static final Map<String, Supplier<Object>> SUBCOMMANDS = subcommands();

    private CortexSyncCli() {}

    public static void main(String[] args) {
        RunTimings.launchedWithThisJvm();
        LoggingWarmUp.start();
        GrpcLogging.warningsOnly();
        int exitCode = execute(args);
        ClassDataRecording.markIfSucceeded(exitCode);
        QuickExit.exit(exitCode);
    }

    /** Runs the command line; returns the exit code. */
    public static int execute(String... args) {
        return commandLine(args).execute(args);
    }

    /**
     * The command line, its defaults read from {@code --config FILE} in {@code args}: with only the
     * subcommand {@code args} names, or with all of them when it names none.
     */
    public static CommandLine commandLine(String[] args) {
        CommandLine cli = new CommandLine(new CortexSyncCli());
        Supplier<Object> named = args.length > 0 ? SUBCOMMANDS.get(args[0]) : null;
        if (named != null) {
            cli.addSubcommand(named.get());
        } else {
            SUBCOMMANDS.values().forEach(subcommand -> cli.addSubcommand(subcommand.get()));
        }
        return configured(cli, args);
    }

    /**
     * A command line for {@code command} whose option defaults come from {@code --config FILE}
     * in {@code args}; a wrong option or key is reported in one line naming it, exit code 2.
     */
    public static CommandLine commandLine(Object command, String[] args) {
        return configured(new CommandLine(command), args);
    }

    /** {@code cli} with its subcommands, set up as {@link #commandLine(Object, String[])} describes. */
    private static CommandLine configured(CommandLine cli, String[] args) {
        ConfigFileDefaults defaults;
        try {
            defaults = ConfigFileDefaults.fromArgs(args);
        } catch (CommandLine.PicocliException e) {
            // reported when the command runs, like any other option error
            defaults = null;
            String message = e.getMessage();
            cli.setExecutionStrategy(parseResult -> {
                cli.getErr().println("cortex-sync: " + message);
                return 2;
            });
            return cli;
        }
        ConfigFileDefaults config = defaults;
        cli.setDefaultValueProvider(config);
        cli.setExecutionStrategy(parseResult -> {
            checkKeys(config, parseResult);
            return new CommandLine.RunLast().execute(parseResult);
        });
        cli.setParameterExceptionHandler((e, arguments) -> {
            PrintWriter err = e.getCommandLine().getErr();
            err.println(e.getCommandLine().getCommandName() + ": " + e.getMessage() + " (see --help)");
            CommandLine.UnmatchedArgumentException.printSuggestions(e, err); // "Did you mean: migrate?"
            return 2;
        });
        return cli;
    }

    private static Map<String, Supplier<Object>> subcommands() {
        Map<String, Supplier<Object>> subcommands = new LinkedHashMap<>();
        subcommands.put("migrate", MigrateCommand::new);
        subcommands.put("cdc", CdcCommand::new);
        subcommands.put("dual-write", DualWriteCommand::new);
        subcommands.put("check", CheckCommand::new);
        subcommands.put("reconcile", ReconcileCommand::new);
        subcommands.put("submit", SubmitCommand::new);
        subcommands.put("stop", StopCommand::new);
        subcommands.put("status", StatusCommand::new);
        subcommands.put("demo-data", DemoDataCommand::new);
        return Collections.unmodifiableMap(subcommands);
    }

    private static void checkKeys(ConfigFileDefaults config, ParseResult parseResult) {
        if (config.keys().isEmpty()) {
            return;
        }
        ParseResult last = parseResult;
        while (last.hasSubcommand()) {
            last = last.subcommand();
        }
        CommandSpec spec = last.commandSpec();
        config.checkKeys(spec);
    }

    /** The migrate options in {@code args} (with {@code --config} applied), for a job's main. */
    public static MigrateOptions parseMigrateOptions(String[] args) {
        MigrateCommand command = new MigrateCommand();
        parse(command, args);
        return command.options();
    }

    /** The options of a {@code cdc} command line, {@code --config} file included, without running it. */
    public static CdcOptions parseCdcOptions(String[] args) {
        CdcCommand command = new CdcCommand();
        parse(command, args);
        return command.options();
    }

    /** The options of a {@code dual-write} command line, {@code --config} file included, without running it. */
    public static DualWriteCommandOptions parseDualWriteOptions(String[] args) {
        DualWriteCommand command = new DualWriteCommand();
        parse(command, args);
        return command.options();
    }

    /** The options of a {@code reconcile} command line, {@code --config} file included, without running it. */
    public static ReconcileOptions parseReconcileOptions(String[] args) {
        ReconcileCommand command = new ReconcileCommand();
        parse(command, args);
        return command.options();
    }

    private static void parse(Object command, String[] args) {
        CommandLine cli = new CommandLine(command);
        ConfigFileDefaults config = ConfigFileDefaults.fromArgs(args);
        cli.setDefaultValueProvider(config);
        ParseResult result = cli.parseArgs(args);
        config.checkKeys(result.commandSpec());
    }
}
