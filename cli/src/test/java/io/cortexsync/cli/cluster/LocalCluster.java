package io.cortexsync.cli.cluster;

import io.cortexsync.testkit.net.FreePorts;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A session cluster started by {@code scripts/local-cluster.sh} on free ports with its own run
 * directory, for tests; {@link #close()} stops it.
 */
final class LocalCluster implements AutoCloseable {

    private static final Duration SCRIPT_TIMEOUT = Duration.ofMinutes(3);

    private final Path runDir;
    private final int restPort;
    private final int rpcPort;
    private final String properties;
    private final Map<String, String> environment = new HashMap<>();
    private boolean started;

    private LocalCluster(Path runDir, String properties) {
        this.runDir = runDir;
        List<Integer> ports = FreePorts.distinct(2, Set.of());
        this.restPort = ports.get(0);
        this.rpcPort = ports.get(1);
        this.properties = properties;
    }

    /**
     * Starts a cluster in {@code runDir}; {@code properties} are extra Flink settings ("key=value
     * key=value"). Fast heartbeats let a test see a killed TaskManager in seconds instead of a minute.
     */
    static LocalCluster start(Path runDir, String properties) {
        return start(runDir, properties, Map.of());
    }

    /** As {@link #start(Path, String)}, with environment variables for every process of the cluster. */
    static LocalCluster start(Path runDir, String properties, Map<String, String> environment) {
        LocalCluster cluster = new LocalCluster(runDir, properties);
        cluster.environment.putAll(environment);
        cluster.started = true;
        try {
            cluster.script("start");
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    /**
     * A run directory under the module's {@code target/} for a test class: its logs outlive the
     * test for a look after a failure; a previous run's directory is removed first.
     */
    static Path runDirFor(Class<?> testClass) {
        Path dir = projectDir().resolve("jobs/target/local-cluster").resolve(testClass.getSimpleName());
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return dir;
    }

    URI restUri() {
        return URI.create("http://127.0.0.1:" + restPort);
    }

    Path runDir() {
        return runDir;
    }

    Path log(String process) {
        return runDir.resolve("log").resolve(process + ".log");
    }

    /** The pid of {@code jobmanager}, {@code taskmanager-1} or {@code taskmanager-2}. */
    long pid(String process) {
        try {
            return Long.parseLong(Files.readString(runDir.resolve(process + ".pid")).trim());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The process name of a TaskManager that runs a subtask of {@code jobId} ({@code taskmanager-1}
     * or {@code -2}), waited for: the REST API serves a job's graph from a cache (a few seconds),
     * and a graph cached while the job was deploying places no subtask yet.
     */
    static String taskManagerRunning(FlinkRestClient rest, String jobId) throws Exception {
        return Await.until(Duration.ofSeconds(30), "a TaskManager runs a subtask of " + jobId,
                () -> taskManagersRunning(rest, jobId), names -> !names.isEmpty()).get(0);
    }

    private static List<String> taskManagersRunning(FlinkRestClient rest, String jobId) {
        List<String> names = new ArrayList<>();
        for (JsonNode vertex : rest.get("jobs/" + jobId).path("vertices")) {
            for (JsonNode tm : rest.get("jobs/" + jobId + "/vertices/" + vertex.path("id").asText() + "/taskmanagers")
                    .path("taskmanagers")) {
                String id = tm.path("taskmanager-id").asText();
                if (id.startsWith("taskmanager-") && !names.contains(id)) {
                    names.add(id);
                }
            }
        }
        return names;
    }

    /** Starts a killed TaskManager ({@code taskmanager-1} or {@code -2}) again and waits until it registered. */
    void restartTaskManager(String process) {
        script("restart-taskmanager", process);
    }

    /** Starts a killed JobManager again on the same ports and waits until both TaskManagers registered with it. */
    void restartJobManager() {
        script("restart-jobmanager");
    }

    /** The process name ({@code taskmanager-1} or {@code -2}) whose pid is {@code pid}. */
    String taskManagerWithPid(long pid) {
        for (String name : List.of("taskmanager-1", "taskmanager-2")) {
            if (Files.exists(runDir.resolve(name + ".pid")) && pid(name) == pid) {
                return name;
            }
        }
        throw new AssertionError("no TaskManager of this cluster has pid " + pid);
    }

    /**
     * What a process of the cluster does with class data, from {@code /proc}: the file name of the
     * archive it maps ({@code jobmanager.jsa}), {@code recording <file>} when it records one at its
     * exit, or {@code none}.
     */
    String classData(String process) throws IOException {
        long pid = pid(process);
        try (Stream<String> maps = Files.lines(Paths.get("/proc", String.valueOf(pid), "maps"))) {
            // the JDK's own archive (lib/server/classes.jsa) is mapped too
            Optional<String> archive = maps.filter(line -> line.endsWith(".jsa") && !line.contains("/lib/server/")).findFirst();
            if (archive.isPresent()) {
                return Paths.get(archive.get().substring(archive.get().lastIndexOf(' ') + 1)).getFileName().toString();
            }
        }
        for (String arg : new String(Files.readAllBytes(Paths.get("/proc", String.valueOf(pid), "cmdline")),
                StandardCharsets.UTF_8).split("\0")) {
            if (arg.startsWith("-XX:ArchiveClassesAtExit=")) {
                return "recording " + Paths.get(arg.substring(arg.indexOf('=') + 1)).getFileName();
            }
        }
        return "none";
    }

    /**
     * {@code kill -STOP}: the process stays, its connections open, but answers nothing until it is
     * killed or continued; a request sent to it waits.
     */
    void freeze(String process) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-STOP", String.valueOf(pid(process))).redirectErrorStream(true).start();
        String output = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!kill.waitFor(30, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IllegalStateException("kill -STOP " + process + " failed: " + output);
        }
    }

    /** {@code kill -9}: the process ends without any chance to say goodbye. */
    void killHard(String process) throws InterruptedException {
        ProcessHandle handle = ProcessHandle.of(pid(process)).orElseThrow(
                () -> new IllegalStateException(process + " does not run"));
        handle.destroyForcibly();
        handle.onExit().orTimeout(30, TimeUnit.SECONDS).join();
    }

    @Override
    public void close() {
        if (started) {
            started = false;
            script("stop");
        }
    }

    private void script(String... command) {
        Path script = projectDir().resolve("scripts/local-cluster.sh");
        List<String> line = new ArrayList<>(List.of("bash", script.toString()));
        line.addAll(List.of(command));
        ProcessBuilder builder = new ProcessBuilder(line)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(runDir.resolve("local-cluster.out").toFile()));
        Map<String, String> env = builder.environment();
        env.put("CORTEX_SYNC_CLUSTER_DIR", runDir.toString());
        env.put("CORTEX_SYNC_REST_PORT", String.valueOf(restPort));
        env.put("CORTEX_SYNC_RPC_PORT", String.valueOf(rpcPort));
        env.put("CORTEX_SYNC_CLUSTER_PROPERTIES", properties);
        env.putAll(environment);
        try {
            Files.createDirectories(runDir);
            Process process = builder.start();
            if (!process.waitFor(SCRIPT_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("local-cluster.sh " + String.join(" ", command) + " did not end within " + SCRIPT_TIMEOUT);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("local-cluster.sh " + String.join(" ", command) + " failed:\n"
                        + Files.readString(runDir.resolve("local-cluster.out"), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Path projectDir() {
        String configured = System.getProperty("cortexsync.project.dir");
        if (configured != null) {
            return Paths.get(configured);
        }
        for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("scripts/local-cluster.sh"))) {
                return dir;
            }
        }
        throw new IllegalStateException("cannot find the project directory; set -Dcortexsync.project.dir");
    }
}
