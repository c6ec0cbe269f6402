package io.cortexsync.testkit.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import com.sun.net.httpserver.HttpServer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** The proxy forwards bytes unchanged and injects latency, cuts and refusals on demand. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class FaultProxyITCase {

    private static final int LARGE_PAYLOAD = 8 * 1024 * 1024;
    private static final Duration WAIT = Duration.ofSeconds(20);

    private EchoServer echo;
    private FaultProxy proxy;

    @BeforeEach
    void startEchoBehindProxy() throws IOException {
        echo = new EchoServer();
        proxy = FaultProxy.start("127.0.0.1", echo.port());
    }

    @AfterEach
    void stopAll() throws Exception {
        proxy.close();
        echo.close();
    }

    @Test
    void largePayloadPassesUnchangedBothWays() throws Exception {
        byte[] payload = randomBytes(LARGE_PAYLOAD);
        try (Socket socket = connectThroughProxy()) {
            CompletableFuture<Void> sending =
                    CompletableFuture.runAsync(() -> sendAndHalfClose(socket, payload));
            byte[] received = socket.getInputStream().readAllBytes();
            sending.get(WAIT.toSeconds(), TimeUnit.SECONDS);

            assertThat(received).hasSize(LARGE_PAYLOAD);
            assertThat(sha256(received)).isEqualTo(sha256(payload));
        }
        assertThat(proxy.acceptedConnections()).isEqualTo(1);
        assertThat(proxy.bytesForwarded()).isEqualTo(2L * LARGE_PAYLOAD);
        awaitCondition(
                () -> proxy.openConnections() == 0, "the finished connection to be released");
    }

    @Test
    void httpBodiesPassUnchanged() throws Exception {
        HttpServer http =
                HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.createContext(
                "/echo",
                exchange -> {
                    byte[] body = exchange.getRequestBody().readAllBytes();
                    exchange.sendResponseHeaders(200, body.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(body);
                    }
                });
        http.start();
        try (FaultProxy httpProxy = FaultProxy.start("127.0.0.1", http.getAddress().getPort())) {
            HttpClient client =
                    HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            URI uri = URI.create("http://" + httpProxy.address() + "/echo");
            for (int request = 0; request < 2; request++) {
                byte[] body = randomBytes(LARGE_PAYLOAD);
                HttpResponse<byte[]> response =
                        client.send(
                                HttpRequest.newBuilder(uri)
                                        .timeout(WAIT)
                                        .PUT(HttpRequest.BodyPublishers.ofByteArray(body))
                                        .build(),
                                HttpResponse.BodyHandlers.ofByteArray());
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(sha256(response.body())).isEqualTo(sha256(body));
            }
            assertThat(httpProxy.bytesForwarded()).isGreaterThan(4L * LARGE_PAYLOAD);
        } finally {
            http.stop(0);
        }
    }

    @Test
    void latencyDelaysEachDirectionOfALiveConnectionAndKeepsOrder() throws Exception {
        Duration latency = Duration.ofMillis(300);
        try (Socket socket = connectThroughProxy()) {
            assertThat(roundTrip(socket, new byte[] {42})).containsExactly(42);

            proxy.latency(latency);
            byte[] sequence = new byte[100];
            for (int i = 0; i < sequence.length; i++) {
                sequence[i] = (byte) i;
            }
            long started = System.nanoTime();
            byte[] echoed = roundTrip(socket, sequence);
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);

            assertThat(echoed).containsExactly(sequence);
            assertThat(elapsed).isGreaterThanOrEqualTo(latency.multipliedBy(2));

            proxy.heal();
            assertThat(roundTrip(socket, new byte[] {7})).containsExactly(7);
        }
    }

    @Test
    void cutConnectionsResetsLiveConnectionsOnBothSides() throws Exception {
        try (Socket first = connectThroughProxy();
                Socket second = connectThroughProxy()) {
            roundTrip(first, new byte[] {1});
            roundTrip(second, new byte[] {2});
            assertThat(echo.openConnections()).isEqualTo(2);

            proxy.cutConnections();

            assertConnectionEnded(first);
            assertConnectionEnded(second);
            awaitCondition(
                    () -> echo.openConnections() == 0, "the target to see its connections end");
            assertThat(proxy.openConnections()).isZero();
        }
        try (Socket afterCut = connectThroughProxy()) {
            assertThat(roundTrip(afterCut, new byte[] {3})).containsExactly(3);
        }
    }

    @Test
    void refusedConnectionsEndAtOnceAndHealRestoresService() throws Exception {
        try (Socket live = connectThroughProxy()) {
            roundTrip(live, new byte[] {1});

            proxy.refuseConnections(true);
            try (Socket refused = new Socket()) {
                try {
                    refused.connect(new InetSocketAddress("127.0.0.1", proxy.port()), 5_000);
                    assertConnectionEnded(refused);
                } catch (SocketException e) {
                    // Refused or reset while connecting: the proxy may reset the connection
                    // before connect() returns.
                }
            }
            assertThat(proxy.refusedConnections()).isEqualTo(1);
            assertThat(roundTrip(live, new byte[] {2}))
                    .as("a connection opened before")
                    .containsExactly(2);

            proxy.heal();
            try (Socket healed = connectThroughProxy()) {
                assertThat(roundTrip(healed, new byte[] {3})).containsExactly(3);
            }
        }
        assertThat(proxy.acceptedConnections()).isEqualTo(2);
    }

    @Test
    void closeEndsConnectionsThreadsAndFreesThePort() throws Exception {
        int port = proxy.port();
        try (Socket socket = connectThroughProxy()) {
            roundTrip(socket, new byte[] {1});

            proxy.close();

            assertConnectionEnded(socket);
        }
        assertThat(Thread.getAllStackTraces().keySet())
                .noneMatch(t -> t.isAlive() && t.getName().startsWith("fault-proxy-" + port + "-"));
        assertThatThrownBy(() -> new Socket("127.0.0.1", port).close())
                .isInstanceOf(ConnectException.class);
        try (ServerSocket rebound = new ServerSocket()) {
            rebound.setReuseAddress(true);
            rebound.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            assertThat(rebound.getLocalPort()).isEqualTo(port);
        }
    }

    private Socket connectThroughProxy() throws IOException {
        Socket socket = new Socket("127.0.0.1", proxy.port());
        socket.setTcpNoDelay(true);
        socket.setSoTimeout((int) WAIT.toMillis());
        return socket;
    }

    private static byte[] roundTrip(Socket socket, byte[] message) throws IOException {
        OutputStream out = socket.getOutputStream();
        // One write per byte: with latency each becomes its own chunk, so order is really tested.
        for (byte b : message) {
            out.write(b);
            out.flush();
        }
        return socket.getInputStream().readNBytes(message.length);
    }

    private static void assertConnectionEnded(Socket socket) throws IOException {
        socket.setSoTimeout((int) WAIT.toMillis());
        try {
            InputStream in = socket.getInputStream();
            assertThat(in.read()).as("end of stream").isEqualTo(-1);
        } catch (SocketTimeoutException e) {
            fail("The connection stayed open for " + WAIT);
        } catch (IOException e) {
            // A reset: the expected way for the proxy to end it.
        }
    }

    private static void sendAndHalfClose(Socket socket, byte[] payload) {
        try {
            OutputStream out = socket.getOutputStream();
            for (int offset = 0; offset < payload.length; offset += 100_000) {
                out.write(payload, offset, Math.min(100_000, payload.length - offset));
            }
            socket.shutdownOutput();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void awaitCondition(BooleanSupplier condition, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline >= 0) {
                fail("Timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    private static byte[] sha256(byte[] bytes) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(bytes);
    }
}
