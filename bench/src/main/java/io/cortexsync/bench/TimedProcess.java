package io.cortexsync.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A command run as a process of its own and measured from outside, as {@code /usr/bin/time}
 * would: its wall time, and the CPU time the operating system charged to it and to its children
 * (bash's {@code times} after the command: the rusage of the reaped children). Its output goes to
 * files, so that a chatty command cannot block on a full pipe.
 */
public final class TimedProcess {

    private static final Pattern CHILD_TIMES = Pattern.compile("(\\d+)m([\\d.]+)s (\\d+)m([\\d.]+)s");

    /** What the run took and printed. */
    public record Result(int exitCode, long wallMs, long cpuMs, String out, String err) {

        public Result requireSuccess(String what) {
            if (exitCode != 0) {
                throw new IllegalStateException(what + " exited with " + exitCode + ":\n" + out + "\n" + err);
            }
            return this;
        }
    }

    private TimedProcess() {}

    /** Runs {@code command} to its end (at most {@code timeout}); {@code work} keeps its output. */
    public static Result run(List<String> command, Path work, String name, Duration timeout)
            throws IOException, InterruptedException {
        Files.createDirectories(work);
        Path times = work.resolve(name + ".times");
        Path out = work.resolve(name + ".out");
        Path err = work.resolve(name + ".err");
        List<String> wrapped = new ArrayList<>(List.of("bash", "-c",
                "\"$@\"; code=$?; times > \"$CORTEX_SYNC_TIMES\"; exit $code", name));
        wrapped.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(wrapped)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        builder.environment().put("CORTEX_SYNC_TIMES", times.toString());
        long start = System.nanoTime();
        Process process = builder.start();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new IllegalStateException(name + " did not end within " + timeout + "; its output is in " + work);
        }
        long wallMs = (System.nanoTime() - start) / 1_000_000;
        return new Result(process.exitValue(), wallMs, childCpuMs(times),
                Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    /** The second line of {@code times}: the children's user and system time. */
    private static long childCpuMs(Path times) throws IOException {
        List<String> lines = Files.readAllLines(times);
        if (lines.size() < 2) {
            throw new IllegalStateException("no CPU times in " + times + ": " + lines);
        }
        Matcher m = CHILD_TIMES.matcher(lines.get(1));
        if (!m.find()) {
            throw new IllegalStateException("unexpected CPU times in " + times + ": " + lines.get(1));
        }
        double seconds = Long.parseLong(m.group(1)) * 60 + Double.parseDouble(m.group(2))
                + Long.parseLong(m.group(3)) * 60 + Double.parseDouble(m.group(4));
        return Math.round(seconds * 1000);
    }
}
