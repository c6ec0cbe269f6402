package io.cortexsync.testkit.proxy;

import java.io.IOException;
import java.net.Socket;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/** One client connection and its upstream connection, copied both ways by two {@link Pipe}s. */
final class ProxiedConnection {

    private final Socket client;
    private final Socket upstream;
    private final Pipe toUpstream;
    private final Pipe toClient;
    private final Consumer<ProxiedConnection> onClosed;
    private final AtomicInteger openDirections = new AtomicInteger(2);
    private final AtomicBoolean closed = new AtomicBoolean();

    ProxiedConnection(
            Socket client,
            Socket upstream,
            Faults faults,
            LongAdder bytesForwarded,
            Consumer<ProxiedConnection> onClosed) {
        this.client = client;
        this.upstream = upstream;
        this.onClosed = onClosed;
        this.toUpstream =
                new Pipe(
                        client,
                        upstream,
                        faults,
                        bytesForwarded,
                        this::directionEnded,
                        this::reset);
        this.toClient =
                new Pipe(
                        upstream,
                        client,
                        faults,
                        bytesForwarded,
                        this::directionEnded,
                        this::reset);
    }

    void start(ExecutorService threads) {
        toUpstream.start(threads);
        toClient.start(threads);
    }

    /** Closes both sockets abruptly: with SO_LINGER 0 the peers get a reset, not an orderly end. */
    void reset() {
        close(true);
    }

    private void directionEnded() {
        if (openDirections.decrementAndGet() == 0) {
            close(false);
        }
    }

    private void close(boolean abruptly) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        closeSocket(client, abruptly);
        closeSocket(upstream, abruptly);
        toUpstream.stop();
        toClient.stop();
        onClosed.accept(this);
    }

    private static void closeSocket(Socket socket, boolean abruptly) {
        try {
            if (abruptly) {
                socket.setSoLinger(true, 0);
            }
        } catch (IOException e) {
            // Already closed: the reset is no longer ours to send.
        }
        try {
            socket.close();
        } catch (IOException e) {
            // Already broken: nothing left to release.
        }
    }
}
