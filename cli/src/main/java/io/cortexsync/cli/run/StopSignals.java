package io.cortexsync.cli.run;

import sun.misc.Signal;

import java.util.concurrent.CompletableFuture;

/**
 * Turns Ctrl-C (SIGINT) and SIGTERM into a request to stop a streaming job with a savepoint. The
 * signals are caught instead of starting the JVM's shutdown, which would tear the local cluster
 * down while the savepoint is being taken; a second signal while the stop runs changes nothing.
 * They are caught only once {@link #arm()} is called, when a job runs that a stop can save: a
 * failed preflight leaves the JVM's own handling alone.
 */
public final class StopSignals {

    private final CompletableFuture<String> requested = new CompletableFuture<>();
    private final boolean catchesSignals;

    private StopSignals(boolean catchesSignals) {
        this.catchesSignals = catchesSignals;
    }

    /** Stops asked for by SIGINT or SIGTERM, once armed. */
    public static StopSignals onSignals() {
        return new StopSignals(true);
    }

    /** Stops asked for only through {@link #request}: no signal is caught. */
    public static StopSignals manual() {
        return new StopSignals(false);
    }

    /** Catches SIGINT and SIGTERM from now on (for {@link #onSignals()}); {@link #requested()} completes with the signal's name. */
    public void arm() {
        if (!catchesSignals) {
            return;
        }
        for (String name : new String[] {"INT", "TERM"}) {
            try {
                Signal.handle(new Signal(name), signal -> request("SIG" + signal.getName()));
            } catch (IllegalArgumentException e) {
                // the platform or the JVM's options (-Xrs) do not let us catch it: the default stays
            }
        }
    }

    /** A stop asked for other than by a signal (tests, an embedding program). */
    public void request(String reason) {
        requested.complete(reason);
    }

    /** Completes when a stop was asked for. */
    public CompletableFuture<String> requested() {
        return requested;
    }
}
