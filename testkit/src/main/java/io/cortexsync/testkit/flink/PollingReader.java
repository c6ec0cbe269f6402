package io.cortexsync.testkit.flink;

import org.apache.flink.connector.testframe.external.ExternalSystemDataReader;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Returns each value the store holds once, reading the whole store again every 50 ms until it
 * holds a value not returned yet or the poll timeout passes.
 */
public abstract class PollingReader implements ExternalSystemDataReader<String> {

    private final Set<String> seen = new HashSet<>();

    /** Every value the store holds now. */
    protected abstract List<String> values();

    @Override
    public List<String> poll(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<String> fresh = new ArrayList<>();
            for (String value : values()) {
                if (seen.add(value)) {
                    fresh.add(value);
                }
            }
            if (!fresh.isEmpty() || System.nanoTime() > deadline) {
                return fresh;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return fresh;
            }
        }
    }
}
