package io.cortexsync.bench.migrate;

import io.cortexsync.cli.migrate.MigrationReport;
import io.cortexsync.cli.reconcile.ReconcileCommand;
import io.cortexsync.cli.reconcile.ReconcileReport;
import io.cortexsync.cli.reconcile.ReconcileRun;
import io.cortexsync.cli.run.MiniClusterRunner;
import io.cortexsync.jobs.reconcile.ReconcileCounters;

import picocli.CommandLine;


import javax.management.ObjectName;

import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Runs one job in a JVM of its own (the Qdrant and SurrealDB servers live elsewhere, so their
 * data does not count) and prints the job's peak heap as name=value lines. The first argument
 * names the job: {@code migrate} or {@code reconcile}; the rest are its command-line options.
 *
 * <p>{@code peak_live_heap_mb}: every {@link #SAMPLE_INTERVAL_MS} ms a full collection
 * ({@code System.gc()}) and the heap used right after it; the largest reading is the most the job
 * kept alive; {@code median_live_heap_mb} is the median of those readings, what the job holds
 * most of the time. {@code peak_heap_used_mb}: the sum of the heap pools' peak usage, reset after a
 * collection just before the job, garbage included (what -Xmx must allow for at least).
 */
public final class HeapProbe {

    static final long SAMPLE_INTERVAL_MS = 1000;

    /** The first argument that runs a reconciliation; {@code migrate} runs a migration. */
    public static final String RECONCILE = "reconcile";
    public static final String MIGRATE = "migrate";

    private HeapProbe() {}

    public static void main(String[] args) throws Exception {
        System.gc();
        List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP)
                .toList();
        heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
        List<Long> liveSamples = Collections.synchronizedList(new ArrayList<>());
        Thread sampler = new Thread(() -> {
            try {
                long peak = 0;
                while (!Thread.currentThread().isInterrupted()) {
                    Thread.sleep(SAMPLE_INTERVAL_MS);
                    long live = liveHeapBytes();
                    liveSamples.add(live);
                    if (live > peak && HISTOGRAM != null) {
                        peak = live;
                        writeHistogram(live);
                    }
                }
            } catch (InterruptedException e) {
                // the job has ended
            }
        }, "heap-sampler");
        sampler.setDaemon(true);
        sampler.start();

        List<String> options = List.of(args).subList(1, args.length);
        long entities;
        long durationMs;
        if (args[0].equals(RECONCILE)) {
            ReconcileCommand command = new ReconcileCommand();
            new CommandLine(command).parseArgs(options.toArray(String[]::new));
            ReconcileReport report = new ReconcileRun(command.options(), new MiniClusterRunner(false),
                    new PrintStream(OutputStream.nullOutputStream()), Duration.ofSeconds(3)).run();
            if (!report.finished()) {
                throw new IllegalStateException("the reconciliation did not finish: " + report.summary());
            }
            entities = report.counter(ReconcileCounters.SOURCE_RECORDS);
            durationMs = report.durationMs();
        } else {
            MigrationReport report = TimedMigration.run(BenchTables.parse(options)).report();
            entities = report.successful();
            durationMs = report.durationMs();
        }

        sampler.interrupt();
        sampler.join();
        List<Long> live = new ArrayList<>(liveSamples);
        Collections.sort(live);
        long peakUsed = heapPools.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
        System.out.println("entities=" + entities);
        System.out.println("duration_ms=" + durationMs);
        System.out.println("heap_samples=" + live.size());
        System.out.println("peak_live_heap_mb=" + (live.isEmpty() ? 0 : live.get(live.size() - 1)) / (1024 * 1024));
        System.out.println("median_live_heap_mb=" + (live.isEmpty() ? 0 : live.get(live.size() / 2)) / (1024 * 1024));
        System.out.println("peak_heap_used_mb=" + peakUsed / (1024 * 1024));
        System.out.println("max_heap_mb=" + Runtime.getRuntime().maxMemory() / (1024 * 1024));
        System.out.flush();
        // the MiniCluster's non-daemon threads must not keep this JVM alive
        System.exit(0);
    }

    /** Where to append the class histogram of each new peak reading (what the job held then); unset: nowhere. */
    static final String HISTOGRAM_PROPERTY = "cortexsync.bench.heapHistogram";

    private static final String HISTOGRAM = System.getProperty(HISTOGRAM_PROPERTY);

    private static final int HISTOGRAM_LINES = 40;

    private static void writeHistogram(long live) {
        try {
            Object text = ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"),
                    "gcClassHistogram", new Object[] {new String[0]}, new String[] {String[].class.getName()});
            List<String> lines = List.of(text.toString().split("\n"));
            String head = String.join("\n", lines.subList(0, Math.min(HISTOGRAM_LINES, lines.size())));
            Files.writeString(Path.of(HISTOGRAM),
                    LocalTime.now() + " live=" + live / (1024 * 1024) + " MB\n" + head + "\n\n",
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (Exception e) {
            System.err.println("heap histogram not written: " + e);
        }
    }

    private static long liveHeapBytes() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
