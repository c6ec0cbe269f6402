package io.cortexsync.bench.migrate;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Starts {@link HeapProbe} in a child JVM with this JVM's class path and flags, but its own heap limit. */
public final class HeapCheck {

    private static final long TIMEOUT_MINUTES = 30;

    private HeapCheck() {}

    /**
     * The probe's name=value lines ({@code probeArgs}: the job's name, then its options); with {@code histogram} not null, the probe also writes the class
     * histogram of each new peak reading there.
     */
    public static Map<String, String> run(List<String> probeArgs, String maxHeap, Path log, Path histogram)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            // the child gets its own heap settings; profiling or debugging agents stay with the parent
            if (!arg.startsWith("-Xmx") && !arg.startsWith("-Xms") && !arg.startsWith("-XX:MaxRAM")
                    && !arg.startsWith("-agentlib") && !arg.startsWith("-javaagent")
                    && !arg.startsWith("-XX:StartFlightRecording") && !arg.startsWith("-XX:FlightRecorderOptions")) {
                command.add(arg);
            }
        }
        command.add("-Xmx" + maxHeap);
        if (histogram != null) {
            command.add("-D" + HeapProbe.HISTOGRAM_PROPERTY + "=" + histogram.toAbsolutePath());
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(HeapProbe.class.getName());
        command.addAll(probeArgs);
        Process process = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        Map<String, String> values = new HashMap<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    values.put(line.substring(0, eq), line.substring(eq + 1));
                }
            }
        } finally {
            if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
            }
        }
        if (process.exitValue() != 0 || !values.containsKey("peak_live_heap_mb")) {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            String tail = String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
            throw new IllegalStateException("the heap probe failed (exit " + process.exitValue() + "); " + log + " ends:\n" + tail);
        }
        return values;
    }
}
