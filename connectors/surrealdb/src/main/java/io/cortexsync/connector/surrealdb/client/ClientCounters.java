package io.cortexsync.connector.surrealdb.client;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** Counters shared by every thread using one client. */
final class ClientCounters {

    private final LongAdder requests = new LongAdder();
    private final LongAdder retries = new LongAdder();
    private final LongAdder failures = new LongAdder();
    private final LongAdder bytesSent = new LongAdder();
    private final LongAdder bytesReceived = new LongAdder();
    private final AtomicLong largestRequest = new AtomicLong();

    void sent(int bytes) {
        requests.increment();
        bytesSent.add(bytes);
        largestRequest.accumulateAndGet(bytes, Math::max);
    }

    void received(int bytes) {
        bytesReceived.add(bytes);
    }

    void retried() {
        retries.increment();
    }

    void failed() {
        failures.increment();
    }

    SurrealClientMetrics snapshot() {
        return new SurrealClientMetrics(
                requests.sum(), retries.sum(), failures.sum(), bytesSent.sum(), bytesReceived.sum(), largestRequest.get());
    }
}
