package io.cortexsync.connector.qdrant.source.reader;

import org.apache.flink.metrics.Counter;

/** The counters the fetcher thread updates. */
final class ScrollMetrics {

    final Counter pages;
    final Counter retries;
    final Counter bytes;

    ScrollMetrics(Counter pages, Counter retries, Counter bytes) {
        this.pages = pages;
        this.retries = retries;
        this.bytes = bytes;
    }
}
