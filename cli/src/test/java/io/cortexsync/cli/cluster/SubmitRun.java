package io.cortexsync.cli.cluster;

import io.cortexsync.cli.CortexSyncCli;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.BiFunction;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** One {@code cortex-sync submit migrate|cdc ...} run on a background thread, as a user would start it, with its output kept. */
final class SubmitRun {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final ExecutorService thread = Executors.newSingleThreadExecutor();
    private final Future<Integer> exitCode;

    private SubmitRun(List<String> args, BiFunction<PrintStream, PrintStream, Object> commands) {
        String[] argv = args.toArray(new String[0]);
        PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
        Object command = commands.apply(outStream, errStream);
        CommandLine cli = CortexSyncCli.commandLine(command, argv);
        cli.setOut(new PrintWriter(outStream, true));
        cli.setErr(new PrintWriter(errStream, true));
        exitCode = thread.submit(() -> cli.execute(argv));
        thread.shutdown();
    }

    static SubmitRun start(List<String> args) {
        return new SubmitRun(args, SubmitMigrateCommand::new);
    }

    /** A {@code cortex-sync submit cdc ...} run, which returns once the job runs. */
    static SubmitRun cdc(List<String> args) {
        return new SubmitRun(args, SubmitCdcCommand::new);
    }

    /** A {@code cortex-sync submit reconcile ...} run, which returns once the job ends. */
    static SubmitRun reconcile(List<String> args) {
        return new SubmitRun(args, SubmitReconcileCommand::new);
    }

    /** A {@code cortex-sync submit dual-write ...} run, which returns once the job runs. */
    static SubmitRun dualWrite(List<String> args) {
        return new SubmitRun(args, SubmitDualWriteCommand::new);
    }

    boolean isDone() {
        return exitCode.isDone();
    }

    int awaitExit(Duration timeout) throws Exception {
        try {
            return exitCode.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // interrupt it, so that it does not go on using the stores under the next test
            thread.shutdownNow();
            throw new AssertionError("submit did not end within " + timeout + "; output so far:\n" + output(), e);
        }
    }

    String output() {
        return out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
    }
}
