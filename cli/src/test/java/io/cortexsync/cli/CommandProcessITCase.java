package io.cortexsync.cli;

import io.cortexsync.cli.migrate.MigrationTestStores;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code cortex-sync migrate} as a process of its own, as a user runs it: through the launcher on
 * what this build made (its class path with Flink's RPC jar on it, its class-data archive), and in
 * a plain JVM on the test's class path; neither leaves anything behind.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class CommandProcessITCase {

    static final String NS = "command_process";
    static final String PEKKO_RPC_SYSTEM = "org.apache.flink.runtime.rpc.pekko.PekkoRpcSystem";

    private static MigrationTestStores stores;

    @BeforeAll
    static void start() {
        stores = MigrationTestStores.start("command-process");
    }

    @AfterAll
    static void stop() {
        if (stores != null) {
            stores.close();
        }
    }

    @Test
    void migratesWithTheRpcJarFromTheClassPathAndThenFromTheArchive(@TempDir Path dir) throws Exception {
        stores.load(NS, "docs", 40, 8, false);
        Path tmp = Files.createDirectories(dir.resolve("tmp"));

        // the first run records the class-data archive, even where an earlier one fits this build
        Launch first = launch(dir, tmp, "docs", "command_process_first", 1, Map.of("CORTEX_SYNC_CDS", "record"));
        assertThat(first.exitCode).as("exit code; printed:%n%s", first.printed).isZero();
        assertThat(stores.pointCount("command_process_first")).isEqualTo(40);
        assertThat(first.sourceOf(PEKKO_RPC_SYSTEM)).as("where the recording run took the RPC system's class from")
                .endsWith("/cli/target/flink-rpc/flink-rpc-akka.jar");
        assertThat(filesUnder(tmp)).as("left in java.io.tmpdir; printed:%n%s", first.printed).isEmpty();

        Launch second = launch(dir, tmp, "docs", "command_process_second", 2, Map.of());
        assertThat(second.exitCode).as("exit code; printed:%n%s", second.printed).isZero();
        assertThat(stores.pointCount("command_process_second")).isEqualTo(40);
        assertThat(second.sourceOf(PEKKO_RPC_SYSTEM)).as("the second run maps the archive").isEqualTo("shared objects file (top)");
        assertThat(filesUnder(tmp)).as("left in java.io.tmpdir; printed:%n%s", second.printed).isEmpty();
        // the launcher's log configuration: Flink's and gRPC's notes that concern no local run stay out
        assertThat(second.printed).as("printed by the second run")
                .doesNotContain("DefaultDelegationTokenManager", "MetricUtils", "Epoll available", "task is closing",
                        "ClosingTaskDeclineFilter");
    }

    /**
     * On Java 25 and later the launcher's archive is an AOT cache: the first run (asked to record,
     * whatever cache there is) records a configuration, the second creates the cache from it and maps it. The JDK is the one that
     * {@code JAVA_HOME} names, although the PATH leads to this test's Java first.
     */
    @Test
    void onJava25TheSecondRunCreatesAnAotCacheAndMapsIt(@TempDir Path dir) throws Exception {
        Path javaHome = JdkReleases.besideThisOne(25).orElseThrow(() -> new AssertionError(
                "no JDK 25 or later beside " + System.getProperty("java.home") + ": the launcher's AOT cache needs one"));
        stores.load(NS, "aot", 40, 8, false);
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        Launch first = launch(dir, tmp, "aot", "command_process_aot_first", 3,
                Map.of("JAVA_HOME", javaHome.toString(), "CORTEX_SYNC_CDS", "record"));
        assertThat(first.exitCode).as("exit code; printed:%n%s", first.printed).isZero();
        assertThat(first.javaVersion()).as("the JVM that ran").startsWith("25");
        assertThat(first.sourceOf(PEKKO_RPC_SYSTEM)).as("where the recording run took the RPC system's class from")
                .endsWith("/cli/target/flink-rpc/flink-rpc-akka.jar");
        assertThat(stores.pointCount("command_process_aot_first")).isEqualTo(40);

        Launch second = launch(dir, tmp, "aot", "command_process_aot_second", 4, Map.of("JAVA_HOME", javaHome.toString()));
        assertThat(second.exitCode).as("exit code; printed:%n%s", second.printed).isZero();
        assertThat(stores.pointCount("command_process_aot_second")).isEqualTo(40);
        // a dynamic archive of classes (Java 17's) would say "shared objects file (top)"
        assertThat(second.sourceOf(PEKKO_RPC_SYSTEM)).as("the second run maps the AOT cache").isEqualTo("shared objects file");
        assertThat(second.printed).as("printed by the second run")
                .doesNotContain("sun.misc.Unsafe", "restricted method", "AOTCache", "AOTConfiguration");
        assertThat(filesUnder(tmp)).as("left in java.io.tmpdir; printed:%n%s", second.printed).isEmpty();
    }

    /** A JAVA_HOME without a JVM, or an unknown CORTEX_SYNC_CDS, is named before anything runs. */
    @Test
    void wrongLauncherSettingsAreNamed(@TempDir Path dir) throws Exception {
        Path launcher = Path.of("").toAbsolutePath().getParent().resolve("scripts/cortex-sync");
        CliProcess noJava = CliProcess.run(List.of(launcher.toString(), "migrate", "--help"),
                Map.of("CORTEX_SYNC_BUILD", "off", "JAVA_HOME", dir.toString()));
        assertThat(noJava.awaitExit(30)).as("exit code; printed:%n%s", noJava.printed()).isEqualTo(2);
        assertThat(noJava.printed()).contains("cortex-sync: no Java found", "JAVA_HOME=" + dir + " has no bin/java");

        CliProcess unknownMode = CliProcess.run(List.of(launcher.toString(), "migrate", "--help"),
                Map.of("CORTEX_SYNC_BUILD", "off", "JAVA_HOME", "", "CORTEX_SYNC_CDS", "sometimes"));
        assertThat(unknownMode.awaitExit(30)).as("exit code; printed:%n%s", unknownMode.printed()).isEqualTo(2);
        assertThat(unknownMode.printed()).contains("cortex-sync: CORTEX_SYNC_CDS must be on, off or record, got 'sometimes'");
    }

    /**
     * Without the launcher Flink's own loader copies its RPC jar into {@code io.tmp.dirs}; that copy
     * and the MiniCluster's working directory are gone after the process exits, although it does
     * not wait for the cluster's shutdown ({@code --no-verify}: the exit comes right after the job).
     */
    @Test
    void aPlainJvmLeavesNoFilesInTheTemporaryDirectory(@TempDir Path dir) throws Exception {
        stores.load(NS, "plain", 40, 8, false);
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        List<String> args = new ArrayList<>(stores.args(NS, "command_process_plain", "plain"));
        args.addAll(List.of("--checkpoint-dir", dir.resolve("cp").toString(),
                "--dead-letter", dir.resolve("dead.jsonl").toString(), "--no-verify"));

        CliProcess run = CliProcess.start("migrate", List.of("-Djava.io.tmpdir=" + tmp), args);

        assertThat(run.awaitExit(180)).as("exit code; printed:%n%s", run.printed()).isZero();
        assertThat(stores.pointCount("command_process_plain")).isEqualTo(40);
        assertThat(filesUnder(tmp)).as("left in java.io.tmpdir by the run that printed:%n%s", run.printed()).isEmpty();
        // Flink's REST server keeps one empty upload directory of a fixed name, shared by every run
        try (Stream<Path> entries = Files.list(tmp)) {
            assertThat(entries.map(path -> path.getFileName().toString())).as("directories left in java.io.tmpdir")
                    .allMatch("flink-web-upload"::equals);
        }
    }

    private static Launch launch(Path dir, Path tmp, String table, String collection, int run, Map<String, String> env)
            throws Exception {
        Path root = Path.of("").toAbsolutePath().getParent();
        Path launcher = root.resolve("scripts/cortex-sync");
        assertThat(launcher).as("the launcher, from the cli module's directory").isExecutable();
        Path classLog = dir.resolve("classes-" + run + ".txt");
        Path jvmLog = dir.resolve("jvm-" + run + ".txt");
        List<String> command = new ArrayList<>(List.of(launcher.toString(), "migrate"));
        command.addAll(stores.args(NS, collection, table));
        command.addAll(List.of("--checkpoint-dir", dir.resolve("cp-" + run).toString(),
                "--dead-letter", dir.resolve("dead-" + run + ".jsonl").toString()));
        // this build, as it is: the launcher must not rebuild the modules under the running Maven
        Map<String, String> environment = new HashMap<>(Map.of(
                "CORTEX_SYNC_BUILD", "off",
                "CORTEX_SYNC_JAVA_OPTS", "-Djava.io.tmpdir=" + tmp + " -Xlog:class+load=info:file=" + classLog
                        + " -Xlog:gc+init=info:file=" + jvmLog,
                "PATH", Path.of(System.getProperty("java.home"), "bin") + ":" + System.getenv().getOrDefault("PATH", ""),
                "JAVA_HOME", ""));
        environment.putAll(env);
        CliProcess process = CliProcess.run(command, environment);
        int exitCode = process.awaitExit(180);
        String printed = process.printed();
        if (exitCode == 2 && printed.contains("CORTEX_SYNC_BUILD=off")) {
            throw new AssertionError("the launcher needs this build's class path (cli/target/classpath.txt naming the "
                    + "modules' target jars), which a build of the cli module alone does not write: run the test "
                    + "through the reactor, e.g. mvn verify -pl cli -am -Dtest=none -Dit.test=CommandProcessITCase "
                    + "-Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false; printed:\n" + printed);
        }
        return new Launch(exitCode, printed, classLog, jvmLog);
    }

    private static List<Path> filesUnder(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            return paths.filter(Files::isRegularFile).collect(Collectors.toList());
        }
    }

    /** One run: its exit code, what it printed, its class-loading log and its JVM's start-up log. */
    private record Launch(int exitCode, String printed, Path classLog, Path jvmLog) {

        /** The version of the JVM that ran, as its start-up log says ({@code Version: 25.0.3+9-LTS (release)}). */
        String javaVersion() throws IOException {
            try (Stream<String> lines = Files.lines(jvmLog)) {
                return lines.filter(line -> line.contains("] Version: "))
                        .map(line -> line.substring(line.indexOf("] Version: ") + "] Version: ".length()))
                        .findFirst()
                        .orElseThrow(() -> new AssertionError("no version in the JVM's log; printed:\n" + printed));
            }
        }


        /** Where the JVM loaded {@code className} from, as its class-loading log says. */
        String sourceOf(String className) throws IOException {
            String marker = "] " + className + " source: ";
            try (Stream<String> lines = Files.lines(classLog)) {
                return lines.filter(line -> line.contains(marker))
                        .map(line -> line.substring(line.indexOf(marker) + marker.length()))
                        .findFirst()
                        .orElseThrow(() -> new AssertionError(className + " was not loaded; printed:\n" + printed));
            }
        }
    }
}
