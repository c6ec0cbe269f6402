package io.cortexsync.bench.migrate;

import io.cortexsync.jobs.migrate.MigrationReport;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
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
                while (!Thread.currentThread().isInterrupted()) {
                    Thread.sleep(SAMPLE_INTERVAL_MS);
                    liveSamples.add(liveHeapBytes());
                }
            } catch (InterruptedException e) {
                // the job has ended
            }
        }, "heap-sampler");
        sampler.setDaemon(true);
        sampler.start();

        MigrationReport report = MigrationRun.run(BenchTables.parse(List.of(args)));

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

    private static long liveHeapBytes() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
