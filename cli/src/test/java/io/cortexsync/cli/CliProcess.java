package io.cortexsync.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** {@code cortex-sync <command>} as a process of its own, its output collected as it comes. */
public final class CliProcess {

    public final Process process;
    private final StringBuffer printed = new StringBuffer();
    private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final CompletableFuture<Void> output;

    private CliProcess(Process process) {
        this.process = process;
        this.output = CompletableFuture.runAsync(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    printed.append(line).append('\n');
                    lines.add(line);
                }
            } catch (IOException e) {
                printed.append("(output ended: ").append(e).append(")\n");
            }
        });
    }

    /** Starts {@code command} with {@code args}; {@code jvmOptions} go before the main class. */
    public static CliProcess start(String command, List<String> jvmOptions, List<String> args) throws IOException {
        // a process started in the background inherits SIGINT ignored, and a JVM then takes no
        // handler for it: the child gets the default disposition back, as from a terminal
        List<String> line = new ArrayList<>(List.of("env", "--default-signal=INT",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx768m", "-cp", System.getProperty("java.class.path"),
                "-Dlog4j2.configurationFile=log4j2-test.properties"));
        line.addAll(jvmOptions);
        line.add(CortexSyncCli.class.getName());
        line.add(command);
        line.addAll(args);
        return run(line, Map.of());
    }

    /** Starts {@code command} as it is, with {@code environment} added to this process's. */
    public static CliProcess run(List<String> command, Map<String, String> environment) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        return new CliProcess(builder.start());
    }

    public long pid() {
        return process.pid();
    }

    public String printed() {
        return printed.toString();
    }

    /** Waits for a line containing {@code fragment}; fails with what was printed. */
    public void awaitLine(String fragment, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            String line = lines.poll(200, TimeUnit.MILLISECONDS);
            if (line != null && line.contains(fragment)) {
                return;
            }
            if (line == null && !process.isAlive()) {
                break;
            }
        }
        throw new AssertionError("no line with '" + fragment + "' within " + seconds + " s; printed:\n" + printed());
    }

    /**
     * The exit code, once the process and its output have ended; a process still running after
     * {@code seconds} is killed and fails the test.
     */
    public int awaitExit(int seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("still running after " + seconds + " s; printed:\n" + printed());
        }
        try {
            // a child the process left running may hold its output open: what came by then is enough
            output.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            printed.append("(output still open 10 s after the exit)\n");
        }
        return process.exitValue();
    }
}
