package io.cortexsync.connector.surrealdb.client;

import io.cortexsync.testkit.proxy.FaultProxy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Refused connections, latency and timeouts between the client and the real engine.
 *
 * <p>The JDK's HTTP client itself tries a connection once more when the first one fails before
 * the request was written (never after), so one attempt of ours may meet two refusals.
 */
@Timeout(120)
class SurrealFaultsITCase {

    @RegisterExtension
    static final SurrealTestEngine ENGINE = SurrealTestEngine.start("faults", "faults_it");

    private FaultProxy proxy;

    @BeforeEach
    void startProxy() {
        proxy = FaultProxy.start(ENGINE.host(), ENGINE.port());
    }

    @AfterEach
    void stopProxy() {
        proxy.close();
    }

    private SurrealConnectionConfig.Builder throughProxy() {
        return ENGINE.config("http://" + proxy.address(), ENGINE.namespace())
                .retry(20, Duration.ofMillis(20), Duration.ofMillis(200));
    }

    @Test
    void anIdempotentCallIsRetriedUntilTheConnectionIsHealed() throws Exception {
        try (SurrealClient client = SurrealClient.create(throughProxy().build())) {
            proxy.refuseConnections(true);
            CompletableFuture<Void> healer = CompletableFuture.runAsync(() -> {
                awaitCondition(() -> proxy.refusedConnections() >= 3, Duration.ofSeconds(30));
                proxy.heal();
            });
            List<StatementResult> results = client.query("RETURN 7", Map.of(), QueryOptions.DEFAULTS.withIdempotent(true));
            healer.get(30, TimeUnit.SECONDS);

            assertThat(results.get(0).result()).isEqualTo(7L);
            assertThat(client.metrics().retries()).isGreaterThanOrEqualTo(1);
            assertThat(proxy.refusedConnections()).isGreaterThanOrEqualTo(3);
        }
    }

    @Test
    void aNonIdempotentCallFailsAtOnce() {
        try (SurrealClient client = SurrealClient.create(throughProxy().build())) {
            proxy.refuseConnections(true);
            assertThatThrownBy(() -> client.query("CREATE once_t SET v = 1", Map.of()))
                    .isInstanceOfSatisfying(SurrealTransportException.class, e -> assertThat(e.isRetryable()).isTrue());
            assertThat(client.metrics().retries()).isZero();
            assertThat(client.metrics().requests()).isEqualTo(1);
            assertThat(proxy.refusedConnections()).isBetween(1L, 2L);
        }
    }

    @Test
    void idempotentRetriesEndAfterTheLastAttempt() {
        SurrealConnectionConfig config = throughProxy().retry(3, Duration.ofMillis(5), Duration.ofMillis(20)).build();
        try (SurrealClient client = SurrealClient.create(config)) {
            proxy.refuseConnections(true);
            assertThatThrownBy(() -> client.select(SurrealRecordId.of("t", 1))).isInstanceOf(SurrealTransportException.class);
            assertThat(client.metrics().retries()).isEqualTo(2);
            assertThat(client.metrics().requests()).isEqualTo(3);
            assertThat(proxy.refusedConnections()).isBetween(3L, 6L);
        }
    }

    @Test
    void aReplySlowerThanTheRequestTimeoutIsATimeout() {
        SurrealConnectionConfig config = throughProxy()
                .requestTimeout(Duration.ofMillis(300))
                .retry(1, Duration.ofMillis(10), Duration.ofMillis(10))
                .build();
        try (SurrealClient client = SurrealClient.create(config)) {
            proxy.latency(Duration.ofSeconds(2));
            long started = System.nanoTime();
            assertThatThrownBy(() -> client.query("RETURN 1", Map.of(), QueryOptions.DEFAULTS.withIdempotent(true)))
                    .isInstanceOf(SurrealTimeoutException.class)
                    .hasMessageContaining("timed out");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
        }
    }

    @Test
    void concurrentCallsAreNotSerialized() throws Exception {
        int calls = 8;
        Duration latency = Duration.ofMillis(400);
        ExecutorService pool = Executors.newFixedThreadPool(calls);
        try (SurrealClient client = SurrealClient.create(throughProxy().build())) {
            proxy.latency(latency);
            long started = System.nanoTime();
            List<Future<Object>> results = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                long n = i;
                results.add(pool.submit(() -> client.query("RETURN $n", Map.of("n", n)).get(0).result()));
            }
            for (int i = 0; i < calls; i++) {
                assertThat(results.get(i).get(60, TimeUnit.SECONDS)).isEqualTo((long) i);
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
            // each call waits at least 2 x latency (there and back); one after another would take 8 x that
            assertThat(elapsed).isLessThan(latency.multipliedBy(calls));
            assertThat(proxy.acceptedConnections()).isGreaterThan(1);
        } finally {
            pool.shutdownNow();
        }
    }

    private static void awaitCondition(BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + timeout);
            }
            Thread.onSpinWait();
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted");
            }
        }
    }
}
