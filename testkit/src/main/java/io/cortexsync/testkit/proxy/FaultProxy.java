package io.cortexsync.testkit.proxy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * A TCP proxy on 127.0.0.1 in front of one target that injects faults on demand: latency,
 * connections cut with a reset, new connections refused. Every control acts on live connections.
 */
public final class FaultProxy implements AutoCloseable {

    private static final int CONNECT_TIMEOUT_MILLIS = 10_000;
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private final InetSocketAddress target;
    private final ServerSocket serverSocket;
    private final Thread acceptor;
    private final Faults faults = new Faults();
    private final Set<ProxiedConnection> connections = ConcurrentHashMap.newKeySet();
    private final ExecutorService pipeThreads;
    private final Set<Thread> startedPipeThreads = ConcurrentHashMap.newKeySet();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final LongAdder bytesForwarded = new LongAdder();
    private volatile boolean closed;

    private FaultProxy(InetSocketAddress target) throws IOException {
        this.target = target;
        this.serverSocket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.acceptor = new Thread(this::acceptLoop, "fault-proxy-" + port() + "-accept");
        this.acceptor.setDaemon(true);
        this.pipeThreads =
                Executors.newCachedThreadPool(
                        daemonThreads("fault-proxy-" + port() + "-pipe-", startedPipeThreads));
    }

    /** Starts a proxy on a free port of 127.0.0.1 that forwards to {@code host:port}. */
    public static FaultProxy start(String host, int port) {
        try {
            FaultProxy proxy = new FaultProxy(new InetSocketAddress(host, port));
            proxy.acceptor.start();
            return proxy;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not open the proxy port", e);
        }
    }

    public int port() {
        return serverSocket.getLocalPort();
    }

    /** {@code 127.0.0.1:port}, the address clients should use instead of the target's. */
    public String address() {
        return "127.0.0.1:" + port();
    }

    /** Holds back data in each direction by {@code latency}, keeping its order; zero for none. */
    public void latency(Duration latency) {
        faults.latency(latency);
    }

    /** Closes every current connection with a reset, towards the client and the target. */
    public void cutConnections() {
        connections.forEach(ProxiedConnection::reset);
    }

    /** While true, new connections are reset as soon as they are accepted; live ones carry on. */
    public void refuseConnections(boolean refuse) {
        faults.refuse(refuse);
    }

    /** Removes every fault: no latency, new connections accepted again. */
    public void heal() {
        faults.latency(Duration.ZERO);
        faults.refuse(false);
    }

    /** Connections forwarded to the target since the start. */
    public long acceptedConnections() {
        return accepted.get();
    }

    /** Connections reset at once because they arrived while refusing. */
    public long refusedConnections() {
        return refused.get();
    }

    /** Connections currently open. */
    public int openConnections() {
        return connections.size();
    }

    /** Bytes delivered so far, both directions together. */
    public long bytesForwarded() {
        return bytesForwarded.sum();
    }

    /** Frees the port, resets every connection and waits for the proxy's threads to end. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            serverSocket.close();
        } catch (IOException e) {
            // The accept loop ends either way.
        }
        try {
            // No connection can be added once the acceptor has ended.
            acceptor.join(STOP_TIMEOUT.toMillis());
            cutConnections();
            pipeThreads.shutdownNow();
            if (!pipeThreads.awaitTermination(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException(
                        "The proxy's threads did not end within " + STOP_TIMEOUT);
            }
            // A terminated pool's last worker may still be on its way out: wait for the threads.
            for (Thread thread : startedPipeThreads) {
                thread.join(STOP_TIMEOUT.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = serverSocket.accept();
            } catch (IOException e) {
                // Closing the server socket is how close() stops this loop.
                return;
            }
            if (faults.refusing()) {
                refused.incrementAndGet();
                resetAtOnce(client);
                continue;
            }
            forward(client);
        }
    }

    private void forward(Socket client) {
        Socket upstream = new Socket();
        try {
            upstream.connect(target, CONNECT_TIMEOUT_MILLIS);
            // Small messages (RPC frames, echo bytes) must not wait for Nagle's algorithm.
            upstream.setTcpNoDelay(true);
            client.setTcpNoDelay(true);
        } catch (IOException e) {
            resetAtOnce(upstream);
            resetAtOnce(client);
            return;
        }
        accepted.incrementAndGet();
        ProxiedConnection connection =
                new ProxiedConnection(
                        client, upstream, faults, bytesForwarded, connections::remove);
        connections.add(connection);
        connection.start(pipeThreads);
    }

    private static void resetAtOnce(Socket socket) {
        try {
            socket.setSoLinger(true, 0);
        } catch (SocketException e) {
            // Not connected: there is nothing to reset.
        }
        try {
            socket.close();
        } catch (IOException e) {
            // Nothing left to release.
        }
    }

    private static ThreadFactory daemonThreads(String namePrefix, Set<Thread> started) {
        AtomicLong count = new AtomicLong();
        return task -> {
            Thread thread = new Thread(task, namePrefix + count.incrementAndGet());
            thread.setDaemon(true);
            started.removeIf(t -> !t.isAlive());
            started.add(thread);
            return thread;
        };
    }
}
