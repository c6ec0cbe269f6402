package io.cortexsync.cli.cluster;

import io.cortexsync.cli.CortexSyncCli;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every {@code submit <job>} turns a problem found before the job runs into exit code 2 and one
 * line naming its command and the option: here a job jar that is not there, found before any store
 * or cluster is asked anything.
 */
class SubmitJobCommandTest {

    private static final List<String> STORES_AND_TARGET = List.of("--jobmanager", "http://127.0.0.1:9",
            "--surreal-ns", "app", "--surreal-db", "main", "--table", "docs", "--collection", "docs");

    static Stream<Arguments> jobs() {
        BiFunction<PrintStream, PrintStream, Object> migrate = SubmitMigrateCommand::new;
        BiFunction<PrintStream, PrintStream, Object> cdc = SubmitCdcCommand::new;
        BiFunction<PrintStream, PrintStream, Object> dualWrite = SubmitDualWriteCommand::new;
        BiFunction<PrintStream, PrintStream, Object> reconcile = SubmitReconcileCommand::new;
        return Stream.of(
                Arguments.of("migrate", migrate, List.of()),
                Arguments.of("cdc", cdc, List.of()),
                Arguments.of("dual-write", dualWrite, List.of("--input-topic", "changes", "--kafka-bootstrap", "127.0.0.1:9")),
                Arguments.of("reconcile", reconcile, List.of()));
    }

    @ParameterizedTest(name = "submit {0}")
    @MethodSource("jobs")
    void aMissingJobJarIsNamedWithExitCode2(String job, BiFunction<PrintStream, PrintStream, Object> command,
            List<String> more, @TempDir Path dir) {
        Path jar = dir.resolve("no-such-job.jar");
        List<String> args = new ArrayList<>(STORES_AND_TARGET);
        args.addAll(more);
        args.addAll(List.of("--job-jar", jar.toString()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
        String[] argv = args.toArray(new String[0]);
        CommandLine cli = CortexSyncCli.commandLine(command.apply(outStream, errStream), argv);
        cli.setOut(new PrintWriter(outStream, true));
        cli.setErr(new PrintWriter(errStream, true));

        int exitCode = cli.execute(argv);

        String said = err.toString(StandardCharsets.UTF_8);
        assertThat(exitCode).as("exit code; stderr: %s", said).isEqualTo(2);
        assertThat(said).startsWith("cortex-sync submit " + job + ":").contains("--job-jar").contains(jar.toString());
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }
}
