package io.cortexsync.bench;

import io.cortexsync.testkit.surrealdb.EmbeddedSurrealDb;

import java.lang.management.ManagementFactory;
import java.time.Duration;

/**
 * The CPU the stores spend while a job runs in another process: the SurrealDB engine's process,
 * and this JVM, which serves Qdrant (the testkit server) and otherwise only waits.
 */
public final class StoresCpu {

    private final EmbeddedSurrealDb surreal;

    public StoresCpu(EmbeddedSurrealDb surreal) {
        this.surreal = surreal;
    }

    /** Both stores' CPU time so far, in milliseconds. */
    public long nowMs() {
        long surrealMs = surreal.processHandle()
                .flatMap(process -> process.info().totalCpuDuration())
                .map(Duration::toMillis)
                .orElseThrow(() -> new IllegalStateException("the SurrealDB process is not running"));
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        return surrealMs + os.getProcessCpuTime() / 1_000_000;
    }
}
