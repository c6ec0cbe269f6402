package io.cortexsync.cli.chaos;

import java.time.Duration;

/**
 * How large the fault tests run: small in CI, larger when {@code scripts/chaos.sh} sets the system
 * properties. The faults' kinds are the same at every size; only counts and lengths grow.
 */
public final class ChaosSize {

    /** Records in each test's table. */
    public static final int RECORDS = Integer.getInteger("cortexsync.chaos.records", 1000);
    /** How long Qdrant stays unavailable; the matrix's row is 30 s (chaos.sh), CI's is shorter. */
    public static final Duration OUTAGE = Duration.ofSeconds(Integer.getInteger("cortexsync.chaos.outage-seconds", 3));
    /** How long a lasting fault (latency, connection cuts) goes on. */
    public static final Duration WINDOW = Duration.ofSeconds(Integer.getInteger("cortexsync.chaos.window-seconds", 3));
    /** The latency Qdrant answers with during its latency fault. */
    public static final Duration LATENCY = Duration.ofSeconds(2);

    private ChaosSize() {}
}
