package io.cortexsync.cli.chaos;

import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * A fault of the stores around a job, the fault matrix's columns besides the Flink processes' kills.
 * {@link #inject} returns once the fault is over: the store is back, or the fault's time is up.
 */
public enum StoreFault {

    /** The SurrealDB engine stopped (SIGTERM) and started again on its data. */
    SURREALDB_RESTART {
        @Override
        public String label() {
            return "surrealdb-restart";
        }

        @Override
        public void inject(FaultedStores stores) {
            stores.restartSurreal();
        }
    },
    /** Qdrant answers UNAVAILABLE to every call for {@link ChaosSize#OUTAGE}. */
    QDRANT_OUTAGE {
        @Override
        public String label() {
            return "qdrant-outage-" + ChaosSize.OUTAGE.toSeconds() + "s";
        }

        @Override
        public void inject(FaultedStores stores) throws Exception {
            qdrantOutage(stores, () -> null);
        }
    },
    /** Every Qdrant call answered {@link ChaosSize#LATENCY} late, for {@link ChaosSize#WINDOW}. */
    QDRANT_LATENCY {
        @Override
        public String label() {
            return "qdrant-latency-" + ChaosSize.LATENCY.toSeconds() + "s";
        }

        @Override
        public void inject(FaultedStores stores) throws InterruptedException {
            stores.qdrant.faults().latency(ChaosSize.LATENCY);
            try {
                Thread.sleep(ChaosSize.WINDOW.toMillis());
            } finally {
                stores.qdrant.faults().latency(Duration.ZERO);
            }
        }
    },
    /** Every open connection to SurrealDB and Qdrant cut (both proxies), once a second for {@link ChaosSize#WINDOW}. */
    CONNECTION_CUTS {
        @Override
        public String label() {
            return "connection-cuts";
        }

        @Override
        public void inject(FaultedStores stores) throws InterruptedException {
            long end = System.nanoTime() + ChaosSize.WINDOW.toNanos();
            while (System.nanoTime() < end) {
                stores.surrealProxy.cutConnections();
                stores.qdrantProxy.cutConnections();
                Thread.sleep(1000);
            }
        }
    },
    /** The Kafka broker stopped and started again on its log directory and ports. */
    KAFKA_RESTART {
        @Override
        public String label() {
            return "kafka-restart";
        }

        @Override
        public void inject(FaultedStores stores) {
            stores.kafka.restart();
        }
    };

    /** The fault's name in the matrix. */
    public abstract String label();

    public abstract void inject(FaultedStores stores) throws Exception;

    /**
     * {@link #QDRANT_OUTAGE}, held after its time for as long as {@code alsoWhile} runs: a test that
     * must see the outage's effect while Qdrant is still down waits for it there.
     */
    public static void qdrantOutage(FaultedStores stores, Callable<?> alsoWhile) throws Exception {
        stores.qdrant.faults().goUnavailable();
        try {
            Thread.sleep(ChaosSize.OUTAGE.toMillis());
            alsoWhile.call();
        } finally {
            stores.qdrant.faults().resume();
        }
    }
}
