package io.cortexsync.cli.run;

import sun.misc.Signal;

import java.util.concurrent.CompletableFuture;

/**
 * Turns Ctrl-C (SIGINT) and SIGTERM into a request to stop a streaming job with a savepoint. The
 * signals are caught instead of starting the JVM's shutdown, which would tear the local cluster
 * down while the savepoint is being taken; a second signal while the stop runs is ignored (a
 * third would need SIGKILL, as with any process that stops cleanly).
 */
public final class StopSignals {

    private final CompletableFuture<String> requested = new CompletableFuture<>();

    private StopSignals() {}

    /** Catches SIGINT and SIGTERM from now on; {@link #requested()} completes with the signal's name. */
    public static StopSignals install() {
        StopSignals signals = new StopSignals();
        for (String name : new String[] {"INT", "TERM"}) {
            try {
                Signal.handle(new Signal(name), signal -> signals.request("SIG" + signal.getName()));
            } catch (IllegalArgumentException e) {
                // the platform or the JVM's options (-Xrs) do not let us catch it: the default stays
            }
        }
        return signals;
    }

    /** Stops asked for only through {@link #request}: no signal is caught. */
    public static StopSignals manual() {
        return new StopSignals();
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
