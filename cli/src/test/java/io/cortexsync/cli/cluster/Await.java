package io.cortexsync.cli.cluster;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Predicate;

/** Polls a reading until it satisfies a condition or the deadline passes (then fails, naming the last reading). */
public final class Await {

    private static final long POLL_MILLIS = 100;

    private Await() {}

    public static <T> T until(Duration timeout, String what, Callable<T> reading, Predicate<T> condition) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = null;
        Exception lastError = null;
        while (System.nanoTime() < deadline) {
            try {
                last = reading.call();
                lastError = null;
                if (condition.test(last)) {
                    return last;
                }
            } catch (Exception e) {
                lastError = e;
            }
            Thread.sleep(POLL_MILLIS);
        }
        AssertionError failure = new AssertionError("not within " + timeout + ": " + what + " (last reading: " + last + ")");
        if (lastError != null) {
            failure.initCause(lastError);
        }
        throw failure;
    }
}
