package io.cortexsync.connector.common.retry;

import org.apache.flink.annotation.Internal;

import java.util.concurrent.Callable;

/**
 * Runs an idempotent call again after a transient failure, waiting a {@link Backoff} between
 * tries, at most {@code attempts} times in all; the last failure, or the first that is not
 * transient, is thrown as it came. For the calls outside a Flink task (a client's verification, a
 * collection's set-up) and inside one that must not fail the task for a blip (a repair).
 */
@Internal
public final class RetryingCall {

    private final int attempts;
    private final Backoff backoff;
    private final TransientFailures transients;

    public RetryingCall(int attempts, Backoff backoff, TransientFailures transients) {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1, not " + attempts);
        }
        this.attempts = attempts;
        this.backoff = backoff;
        this.transients = transients;
    }

    /** An action without a result, for {@link #run}. */
    @FunctionalInterface
    public interface Action {
        void run() throws Exception;
    }

    public <T> T call(Callable<T> call) throws Exception {
        for (int failed = 0; ; failed++) {
            try {
                return call.call();
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                if (failed + 1 >= attempts || !transients.isTransient(e)) {
                    throw e;
                }
                Thread.sleep(backoff.delayMillis(failed + 1));
            }
        }
    }

    public void run(Action action) throws Exception {
        call(() -> {
            action.run();
            return null;
        });
    }
}
