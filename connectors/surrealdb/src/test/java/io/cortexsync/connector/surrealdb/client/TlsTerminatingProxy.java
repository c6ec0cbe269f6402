package io.cortexsync.connector.surrealdb.client;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** An https front for a plain-http server: TLS ends here, bytes go on unchanged. Test use only. */
final class TlsTerminatingProxy implements AutoCloseable {

    private final SSLServerSocket serverSocket;
    private final String targetHost;
    private final int targetPort;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "tls-proxy");
        thread.setDaemon(true);
        return thread;
    });
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final AtomicInteger accepted = new AtomicInteger();

    private TlsTerminatingProxy(SSLServerSocket serverSocket, String targetHost, int targetPort) {
        this.serverSocket = serverSocket;
        this.targetHost = targetHost;
        this.targetPort = targetPort;
    }

    /** Listens on a free port of 127.0.0.1 with the key in {@code keyStore} (PKCS12). */
    static TlsTerminatingProxy start(Path keyStore, String password, String targetHost, int targetPort) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            store.load(in, password.toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, password.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        SSLServerSocket socket = (SSLServerSocket) context.getServerSocketFactory()
                .createServerSocket(0, 50, InetAddress.getLoopbackAddress());
        TlsTerminatingProxy proxy = new TlsTerminatingProxy(socket, targetHost, targetPort);
        proxy.threads.execute(proxy::acceptLoop);
        return proxy;
    }

    int port() {
        return serverSocket.getLocalPort();
    }

    /** Connections accepted so far. */
    int acceptedConnections() {
        return accepted.get();
    }

    /** Closes every open connection, as a server's idle timeout would; keeps listening. */
    void dropConnections() {
        sockets.forEach(TlsTerminatingProxy::closeQuietly);
        sockets.clear();
    }

    private void acceptLoop() {
        while (!serverSocket.isClosed()) {
            try {
                Socket client = serverSocket.accept();
                accepted.incrementAndGet();
                Socket target = new Socket(targetHost, targetPort);
                sockets.add(client);
                sockets.add(target);
                threads.execute(() -> pipe(client, target));
                threads.execute(() -> pipe(target, client));
            } catch (IOException e) {
                // closed, or one failed handshake: the loop condition decides
            }
        }
    }

    private void pipe(Socket from, Socket to) {
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // a failed handshake or a closed peer ends this direction
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    @Override
    public void close() throws Exception {
        serverSocket.close();
        sockets.forEach(TlsTerminatingProxy::closeQuietly);
        threads.shutdownNow();
        if (!threads.awaitTermination(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the proxy's threads did not end");
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }
}
