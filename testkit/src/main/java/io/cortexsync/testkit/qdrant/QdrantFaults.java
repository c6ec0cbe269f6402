package io.cortexsync.testkit.qdrant;

import io.grpc.Status;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Faults a test can inject into a {@link QdrantTestServer}, and how often each method was called.
 * Methods are named bare ({@code "Upsert"}), by service ({@code "Points/Upsert"}) or in full
 * ({@code "qdrant.Points/Upsert"}); a bare name covers every service that has it.
 */
public final class QdrantFaults {

    private final List<FailureRule> failures = new ArrayList<>();
    private final Map<String, AtomicLong> calls = new ConcurrentHashMap<>();
    private volatile Duration latency = Duration.ZERO;
    private volatile boolean unavailable;
    private final Set<UUID> refusedPoints = ConcurrentHashMap.newKeySet();

    QdrantFaults() {}

    /** The next {@code count} calls of any method fail with {@code code}. */
    public QdrantFaults failNext(int count, Status.Code code) {
        return failNext(count, code, null);
    }

    /** The next {@code count} calls of {@code method} fail with {@code code}. */
    public synchronized QdrantFaults failNext(int count, Status.Code code, String method) {
        if (count < 1 || code == Status.Code.OK) {
            throw new IllegalArgumentException("failNext needs a count >= 1 and a code other than OK");
        }
        failures.add(new FailureRule(count, code, method));
        return this;
    }

    /** Every call, health checks included, waits this long before it is handled. */
    public QdrantFaults latency(Duration delay) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("latency must not be negative: " + delay);
        }
        this.latency = delay;
        return this;
    }

    /** Every call fails with UNAVAILABLE until {@link #resume()}. */
    public QdrantFaults goUnavailable() {
        unavailable = true;
        return this;
    }

    public QdrantFaults resume() {
        unavailable = false;
        return this;
    }

    /**
     * An upsert that holds any of these points fails with INVALID_ARGUMENT, as Qdrant refuses a
     * point it cannot take: the same request fails again, and so does the point alone.
     */
    public QdrantFaults refusePoints(Collection<UUID> pointIds) {
        refusedPoints.addAll(pointIds);
        return this;
    }

    /** Removes every fault; call counts stay (see {@link #resetCallCounts()}). */
    public synchronized QdrantFaults reset() {
        failures.clear();
        refusedPoints.clear();
        latency = Duration.ZERO;
        unavailable = false;
        return this;
    }

    public QdrantFaults resetCallCounts() {
        calls.clear();
        return this;
    }

    /** How many calls of the method arrived, including those that failed. */
    public long callCount(String method) {
        return calls.entrySet().stream()
                .filter(e -> names(method, e.getKey()))
                .mapToLong(e -> e.getValue().get())
                .sum();
    }

    void recordCall(String fullMethodName) {
        calls.computeIfAbsent(fullMethodName, k -> new AtomicLong()).incrementAndGet();
    }

    Duration latency() {
        return latency;
    }

    /** Throws the refusal of an upsert holding a refused point. */
    void checkUpsert(List<PointKey> ids) {
        if (refusedPoints.isEmpty()) {
            return;
        }
        for (PointKey id : ids) {
            if (id.isUuid() && refusedPoints.contains(new UUID(id.high(), id.low()))) {
                throw QdrantErrors.invalidArgument("Wrong input: point " + id + " is refused by this test");
            }
        }
    }

    /** The status this call must fail with, or null when it proceeds. */
    synchronized Status failureFor(String fullMethodName) {
        if (unavailable) {
            return Status.UNAVAILABLE.withDescription("Injected fault: server unavailable");
        }
        Iterator<FailureRule> rules = failures.iterator();
        while (rules.hasNext()) {
            FailureRule rule = rules.next();
            if (rule.method != null && !names(rule.method, fullMethodName)) {
                continue;
            }
            if (--rule.remaining == 0) {
                rules.remove();
            }
            return Status.fromCode(rule.code).withDescription("Injected fault");
        }
        return null;
    }

    private static boolean names(String method, String fullMethodName) {
        return fullMethodName.equals(method)
                || fullMethodName.endsWith("/" + method)
                || fullMethodName.endsWith("." + method);
    }

    private static final class FailureRule {
        private int remaining;
        private final Status.Code code;
        private final String method;

        private FailureRule(int remaining, Status.Code code, String method) {
            this.remaining = remaining;
            this.code = code;
            this.method = method;
        }
    }
}
