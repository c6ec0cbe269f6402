package io.cortexsync.bench.migrate;

import io.cortexsync.cli.migrate.MigrationReport;

import javax.management.ObjectName;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Runs one migration in a JVM of its own (the Qdrant and SurrealDB servers live elsewhere, so
 * their data does not count) and prints the job's peak heap as name=value lines.
 *
 * <p>{@code peak_live_heap_mb}: every {@link #SAMPLE_INTERVAL_MS} ms a full collection
 * ({@code System.gc()}) and the heap used right after it; the largest reading is the most the job
 * kept alive; {@code median_live_heap_mb} is the median of those readings, what the job holds
 * most of the time. {@code peak_heap_used_mb}: the sum of the heap pools' peak usage, reset after a
 * collection just before the job, garbage included (what -Xmx must allow for at least).
 */
public final class HeapProbe {

    static final long SAMPLE_INTERVAL_MS = 1000;

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

        MigrationReport report = TimedMigration.run(BenchTables.parse(List.of(args))).report();

        sampler.interrupt();
        sampler.join();
        List<Long> live = new ArrayList<>(liveSamples);
        Collections.sort(live);
        long peakUsed = heapPools.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
        System.out.println("entities=" + report.successful());
        System.out.println("duration_ms=" + report.durationMs());
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
