package io.cortexsync.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The launcher's bookkeeping before the JVM starts, in a project tree of its own with a stand-in
 * {@code java} that writes down how it was started: when a build is due, which jar heads the class
 * path, and the class-data archive's life (recorded, kept by one of two runs starting at once, mapped,
 * dropped after a rebuild, what a killed run left removed).
 */
class LauncherArchiveTest {

    private static final Path SCRIPTS = Path.of("").toAbsolutePath().getParent().resolve("scripts");
    private static final Pattern SHARED_ARCHIVE = Pattern.compile("-XX:SharedArchiveFile=(\\S+)");
    private static final Instant BUILT = Instant.now().minusSeconds(3600);

    @TempDir
    Path root;
    private Path jdk;
    private Path calls;

    @BeforeEach
    void projectTree() throws IOException {
        Files.createDirectories(root.resolve("scripts"));
        for (String script : List.of("cortex-sync", "java-runtime.sh", "log4j2-cli.properties", "log4j2-cli-filters.properties")) {
            Files.copy(SCRIPTS.resolve(script), root.resolve("scripts").resolve(script));
        }
        touch(root.resolve("pom.xml"), BUILT.minusSeconds(60));
        touch(Files.createDirectories(root.resolve("cli/src/main")).resolve("Main.java"), BUILT.minusSeconds(60));
        touch(Files.createDirectories(root.resolve("jobs/src/main")).resolve("Job.java"), BUILT.minusSeconds(60));
        // the tests jar sorts before the module's jar: it must not head the class path
        touch(Files.createDirectories(root.resolve("cli/target")).resolve("cortex-sync-cli-1.0-tests.jar"), BUILT);
        touch(root.resolve("cli/target/cortex-sync-cli-1.0.jar"), BUILT);
        touch(Files.createDirectories(root.resolve("jobs/target")).resolve("cortex-sync-jobs-1.0.jar"), BUILT);
        writeClassPath(root.resolve("jobs/target/cortex-sync-jobs-1.0.jar") + ":/repository/org/example/lib-1.jar");

        jdk = Files.createDirectories(root.resolve("jdk/bin")).getParent();
        calls = root.resolve("java-calls.txt");
        Path java = jdk.resolve("bin/java");
        // one line per start; a recording run leaves its archive and the JVM's mark of success
        Files.writeString(java, "#!/usr/bin/env bash\n"
                + "echo \"$*\" >> " + calls + "\n"
                + "for arg in \"$@\"; do\n"
                + "  case \"$arg\" in\n"
                + "    -XX:ArchiveClassesAtExit=*) touch \"${arg#*=}\" ;;\n"
                + "    -Dcortexsync.cds.recording=*) touch \"${arg#*=}.ok\" ;;\n"
                + "  esac\n"
                + "done\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        release("17.0.15");
    }

    @Test
    void theFirstRunRecordsTheNextMapsTheArchiveAndARebuiltJarDropsIt() throws Exception {
        assertThat(launch().exitCode()).isZero();
        String recording = lastCall();
        assertThat(recording).contains("-XX:ArchiveClassesAtExit=", " -cp " + root.resolve("cli/target/cortex-sync-cli-1.0.jar") + ":");
        assertThat(recording).doesNotContain("-tests.jar", "-XX:SharedArchiveFile=");

        assertThat(launch().exitCode()).isZero();
        String mapped = lastCall();
        Matcher archive = SHARED_ARCHIVE.matcher(mapped);
        assertThat(archive.find()).as("the second run maps the kept recording: " + mapped).isTrue();
        assertThat(Path.of(archive.group(1))).exists();
        assertThat(archive.group(1)).matches(".*/cli/target/cds/\\d+/migrate\\.\\d+\\.jsa");

        assertThat(launch().exitCode()).isZero();
        assertThat(lastCall()).as("a third run maps the same archive").contains("-XX:SharedArchiveFile=" + archive.group(1));

        // a project jar built after the archive was made: the archive no longer fits it
        touch(root.resolve("jobs/target/cortex-sync-jobs-1.0.jar"), Instant.now().plusSeconds(5));
        assertThat(launch().exitCode()).isZero();
        assertThat(Path.of(archive.group(1))).doesNotExist();
        assertThat(lastCall()).contains("-XX:ArchiveClassesAtExit=").doesNotContain("-XX:SharedArchiveFile=");
    }

    @Test
    void twoRunsStartingAtOnceKeepOneRecordingAndBothRun() throws Exception {
        assertThat(launch().exitCode()).isZero();
        // the check that a recording maps (java ... -version) takes a second: both runs find the
        // recording finished, and only one may take it
        Files.writeString(jdk.resolve("bin/java"), Files.readString(jdk.resolve("bin/java"))
                + "case \" $* \" in *\" -version \"*) sleep 1 ;; esac\n");

        List<Process> runs = List.of(start(), start());
        List<Launch> launches = new ArrayList<>();
        for (Process run : runs) {
            launches.add(ended(run));
        }

        assertThat(launches).as("both runs").allSatisfy(launch -> assertThat(launch.exitCode()).as(launch.printed()).isZero());
        List<String> left;
        try (Stream<Path> files = Files.walk(root.resolve("cli/target/cds"))) {
            left = files.filter(Files::isRegularFile).map(file -> file.getFileName().toString()).collect(Collectors.toList());
        }
        // the run that lost the recording found no archive yet, and records one of its own
        assertThat(left).as("what the two runs left").filteredOn(name -> name.endsWith(".jsa")).hasSize(1);
        assertThat(left).as("what the two runs left").noneMatch(name -> name.endsWith(".claimed"));
        assertThat(Files.readAllLines(calls)).as("the recording was checked once").filteredOn(call -> call.endsWith(" -version")).hasSize(1);
    }

    @Test
    void aRecordingLeftClaimedByARunThatDiedIsRemovedAndOneStillClaimedIsKept() throws Exception {
        assertThat(launch().exitCode()).isZero();
        Path recording;
        try (Stream<Path> files = Files.list(onlyArchiveDirectory())) {
            recording = files.filter(file -> file.toString().endsWith(".recording")).findFirst().orElseThrow();
        }
        // a run that claimed the recording and was killed while it checked it, and a run still checking another
        long dead = endedProcessId();
        Path leftByTheDead = Path.of(recording + "." + dead + ".claimed");
        Files.move(recording, leftByTheDead);
        Path stillChecked = recording.resolveSibling("migrate.1.recording." + ProcessHandle.current().pid() + ".claimed");
        Files.createFile(stillChecked);
        Path deadCache = recording.resolveSibling("migrate.2.aot." + dead + ".creating");
        Files.createFile(deadCache);

        assertThat(launch().exitCode()).isZero();

        assertThat(leftByTheDead).as("the dead run's claim").doesNotExist();
        assertThat(Path.of(recording + ".ok")).as("the dead run's recording's mark of success").doesNotExist();
        assertThat(deadCache).as("a cache the dead run was making").doesNotExist();
        assertThat(stillChecked).as("the claim of a run still checking").exists();
        assertThat(lastCall()).as("no archive was kept: the run records again").contains("-XX:ArchiveClassesAtExit=");
    }

    @Test
    void aJdkOfRelease25RecordsAnAotConfiguration() throws Exception {
        release("25.0.3");

        assertThat(launch().exitCode()).isZero();

        assertThat(lastCall()).contains("-XX:AOTMode=record", "--enable-native-access=ALL-UNNAMED").doesNotContain("-XX:ArchiveClassesAtExit=");
    }

    @Test
    void aClassPathOfInstalledProjectJarsAsksForABuild() throws Exception {
        writeClassPath("/repository/io/cortexsync/cortex-sync-jobs/1.0/cortex-sync-jobs-1.0.jar:/repository/org/example/lib-1.jar");

        Launch launch = launch();

        assertThat(launch.exitCode()).isEqualTo(2);
        assertThat(launch.printed()).contains("cortex-sync: cli needs a build");
        assertThat(calls).doesNotExist();
    }

    @Test
    void aSourceChangedInAModuleOnTheClassPathAsksForABuild() throws Exception {
        touch(root.resolve("jobs/src/main/Job.java"), Instant.now());

        Launch launch = launch();

        assertThat(launch.exitCode()).isEqualTo(2);
        assertThat(launch.printed()).contains("cortex-sync: cli needs a build");
    }

    private void writeClassPath(String classPath) throws IOException {
        Path file = root.resolve("cli/target/classpath.txt");
        Files.writeString(file, classPath);
        touch(file, BUILT.plusSeconds(60));
    }

    private void release(String version) throws IOException {
        Files.writeString(jdk.resolve("release"), "IMPLEMENTOR=\"Test\"\nJAVA_VERSION=\"" + version + "\"\n");
    }

    /** How the JVM was started last: the command's own start, after any check of a kept recording ({@code -version}). */
    private String lastCall() throws IOException {
        List<String> lines = Files.readAllLines(calls);
        return lines.get(lines.size() - 1);
    }

    private Path onlyArchiveDirectory() throws IOException {
        try (Stream<Path> directories = Files.list(root.resolve("cli/target/cds"))) {
            List<Path> all = directories.collect(Collectors.toList());
            assertThat(all).as("archive directories").hasSize(1);
            return all.get(0);
        }
    }

    /** The pid of a process that has ended (not reused within a test: Linux hands pids out in turn). */
    private static long endedProcessId() throws Exception {
        Process process = new ProcessBuilder("true").start();
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).as("'true' ended").isTrue();
        return process.pid();
    }

    private Launch launch() throws Exception {
        return ended(start());
    }

    private Launch ended(Process process) throws Exception {
        String printed = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("the launcher ended; printed:%n%s", printed).isTrue();
        return new Launch(process.exitValue(), printed);
    }

    private Process start() throws IOException {
        List<String> command = new ArrayList<>(List.of(root.resolve("scripts/cortex-sync").toString(),
                "migrate", "--table", "docs", "--collection", "docs"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = new HashMap<>(builder.environment());
        env.put("JAVA_HOME", jdk.toString());
        env.put("CORTEX_SYNC_BUILD", "off");
        env.remove("CORTEX_SYNC_CDS");
        env.remove("CORTEX_SYNC_JAVA_OPTS");
        builder.environment().clear();
        builder.environment().putAll(env);
        return builder.start();
    }

    private static void touch(Path file, Instant when) throws IOException {
        if (!Files.exists(file)) {
            Files.createFile(file);
        }
        Files.setLastModifiedTime(file, FileTime.from(when));
    }

    private record Launch(int exitCode, String printed) {}
}
