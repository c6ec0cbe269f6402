package io.cortexsync.cli.cluster;

import io.cortexsync.cli.CortexSyncCli;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.function.BiFunction;

/** One run of a short command ({@code stop}, {@code status}) as a user would type it, with its output kept. */
record CommandRun(int exitCode, String out, String err) {

    static CommandRun run(BiFunction<PrintStream, PrintStream, Object> command, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
        CommandLine cli = CortexSyncCli.commandLine(command.apply(outStream, errStream), args);
        cli.setOut(new PrintWriter(outStream, true));
        cli.setErr(new PrintWriter(errStream, true));
        int exit = cli.execute(args);
        return new CommandRun(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- out\n" + out + "--- err\n" + err;
    }
}
