package io.cortexsync.connector.surrealdb.client;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The HTTP/1.1 framing the client must read and the connection handling it must get right, from a
 * server on a raw socket that answers each request with bytes a test scripts: chunked replies,
 * replies that end with the connection, interim replies, connections closed while idle in the
 * pool, a caller interrupted while it waits.
 */
@Timeout(60)
class HttpTransportTest {

    /** The engine's reply to {@code RETURN 1}. */
    private static final byte[] RETURN_1 = HexFormat.of().parseHex(
            "a166726573756c7481a466726573756c740166737461747573624f4b6474696d656931342e343437c2b5736474797065c6f6");

    /** What the server does with one request on a connection: writes a reply, may close. */
    private interface Answer {
        /** Returns false to close the connection after the reply. */
        boolean answer(OutputStream out) throws IOException;
    }

    /** Answers as soon as the request's head is read, leaves the body unread and closes. */
    private interface EarlyAnswer extends Answer {}

    private ServerSocket server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final ConcurrentLinkedDeque<Answer> script = new ConcurrentLinkedDeque<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final List<String> requestHeads = Collections.synchronizedList(new ArrayList<>());
    private final List<Socket> accepted = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void start() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        threads.submit(() -> {
            while (!server.isClosed()) {
                Socket socket;
                try {
                    socket = server.accept();
                } catch (IOException closed) {
                    return null;
                }
                connections.incrementAndGet();
                accepted.add(socket);
                threads.submit(() -> serve(socket));
            }
            return null;
        });
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
        synchronized (accepted) {
            for (Socket socket : accepted) {
                socket.close();
            }
        }
        threads.shutdownNow();
    }

    private Void serve(Socket socket) throws IOException {
        try (socket) {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            while (true) {
                String head = readHead(in);
                if (head == null) {
                    return null;
                }
                requestHeads.add(head);
                Answer answer = script.poll();
                if (answer instanceof EarlyAnswer) {
                    answer.answer(out);
                    return null; // closing with unread data resets the connection
                }
                in.readNBytes(contentLength(head));
                if (answer == null || !answer.answer(out)) {
                    return null;
                }
            }
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            head.write(b);
            String text = head.toString(StandardCharsets.ISO_8859_1);
            if (text.endsWith("\r\n\r\n")) {
                return text;
            }
        }
        return null;
    }

    private static int contentLength(String head) {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
                return Integer.parseInt(line.substring(15).trim());
            }
        }
        return 0;
    }

    private static Answer reply(String head, byte[]... bodyParts) {
        return out -> {
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            for (byte[] part : bodyParts) {
                out.write(part);
            }
            out.flush();
            return !head.toLowerCase().contains("connection: close") && head.contains("Content-Length")
                    || head.contains("chunked");
        };
    }

    /** A server that stops answering: waits until the test ends it, then closes the connection. */
    private static boolean stall() {
        try {
            Thread.sleep(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    private static Answer ok() {
        return reply("HTTP/1.1 200 OK\r\nContent-Type: application/cbor\r\nContent-Length: " + RETURN_1.length + "\r\n\r\n",
                RETURN_1);
    }

    private SurrealConnectionConfig.Builder config() {
        return SurrealConnectionConfig.builder()
                .url("http://127.0.0.1:" + server.getLocalPort())
                .namespace("ns")
                .database("db")
                .basicAuth("root", "root")
                .retry(1, Duration.ofMillis(5), Duration.ofMillis(5));
    }

    private static Object returnOne(SurrealClient client) {
        return client.query("RETURN 1", Map.of()).get(0).result();
    }

    @Test
    void keepAliveConnectionsServeOneRequestAfterAnother() {
        for (int i = 0; i < 5; i++) {
            script.add(ok());
        }
        try (SurrealClient client = SurrealClient.create(config().build())) {
            for (int i = 0; i < 5; i++) {
                assertThat(returnOne(client)).isEqualTo(1L);
            }
        }
        assertThat(connections.get()).isEqualTo(1);
        assertThat(requestHeads).allSatisfy(head -> assertThat(head)
                .startsWith("POST /rpc HTTP/1.1\r\n")
                .contains("\r\nHost: 127.0.0.1:" + server.getLocalPort() + "\r\n")
                .contains("\r\nsurreal-ns: ns\r\n", "\r\nsurreal-db: db\r\n", "\r\nContent-Type: application/cbor\r\n")
                .contains("\r\nAuthorization: Basic "));
    }

    @Test
    void aPathInTheUrlPrefixesEveryRoute() {
        script.add(ok());
        script.add(reply("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 15\r\n\r\n",
                "surrealdb-3.0.0".getBytes(StandardCharsets.ISO_8859_1)));
        try (SurrealClient client = SurrealClient.create(
                config().url("http://127.0.0.1:" + server.getLocalPort() + "/behind/a/proxy/").build())) {
            assertThat(returnOne(client)).isEqualTo(1L);
            assertThat(client.version()).isEqualTo("surrealdb-3.0.0");
        }
        assertThat(requestHeads).extracting(head -> head.substring(0, head.indexOf("\r\n")))
                .containsExactly("POST /behind/a/proxy/rpc HTTP/1.1", "GET /behind/a/proxy/version HTTP/1.1");
    }

    @Test
    void aChunkedReplyIsJoinedAndItsConnectionReused() {
        byte[] first = java.util.Arrays.copyOfRange(RETURN_1, 0, 10);
        byte[] rest = java.util.Arrays.copyOfRange(RETURN_1, 10, RETURN_1.length);
        script.add(reply("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n",
                ("a;name=value\r\n").getBytes(StandardCharsets.ISO_8859_1), first, "\r\n".getBytes(StandardCharsets.ISO_8859_1),
                (Integer.toHexString(rest.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1), rest,
                "\r\n0\r\nX-Trailer: t\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1)));
        script.add(ok());
        try (SurrealClient client = SurrealClient.create(config().build())) {
            assertThat(returnOne(client)).isEqualTo(1L);
            assertThat(returnOne(client)).isEqualTo(1L);
        }
        assertThat(connections.get()).isEqualTo(1);
    }

    @Test
    void aReplyThatEndsWithItsConnectionIsReadToTheEndAndTheConnectionNotReused() {
        script.add(reply("HTTP/1.0 200 OK\r\nContent-Type: application/cbor\r\n\r\n", RETURN_1));
        script.add(reply("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: " + RETURN_1.length + "\r\n\r\n", RETURN_1));
        script.add(ok());
        try (SurrealClient client = SurrealClient.create(config().build())) {
            for (int i = 0; i < 3; i++) {
                assertThat(returnOne(client)).isEqualTo(1L);
            }
        }
        assertThat(connections.get()).isEqualTo(3);
    }

    @Test
    void repliesOfEveryFramingAndSizeFollowEachOther() {
        String large = "x".repeat(200_000);
        String medium = "y".repeat(100_000);
        byte[] largeReply = statementReply(large);
        int cut = largeReply.length / 3;
        script.add(reply("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n",
                chunk(java.util.Arrays.copyOfRange(largeReply, 0, cut)),
                chunk(java.util.Arrays.copyOfRange(largeReply, cut, largeReply.length)),
                "0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1)));
        script.add(ok());
        byte[] mediumReply = statementReply(medium);
        script.add(reply("HTTP/1.1 200 OK\r\nContent-Length: " + mediumReply.length + "\r\n\r\n", mediumReply));
        script.add(reply("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n", largeReply));
        script.add(ok());
        try (SurrealClient client = SurrealClient.create(config().build())) {
            assertThat(client.query("RETURN 1", Map.of()).get(0).result()).isEqualTo(large);
            assertThat(returnOne(client)).isEqualTo(1L);
            assertThat(client.query("RETURN 1", Map.of()).get(0).result()).isEqualTo(medium);
            assertThat(client.query("RETURN 1", Map.of()).get(0).result()).isEqualTo(large);
            assertThat(returnOne(client)).isEqualTo(1L);
            assertThat(client.metrics().bytesReceived())
                    .isEqualTo(2L * largeReply.length + mediumReply.length + 2L * RETURN_1.length);
        }
        assertThat(connections.get()).isEqualTo(2);
    }

    /**
     * The JDK reads a socket into an array through a direct buffer of the read's size, which the
     * thread keeps: a reply read in one piece would leave one of the reply's size behind (and, for
     * replies a little larger each time, allocate and zero a new one for each).
     */
    @Test
    void aLargeReplyIsReadThroughABoundedDirectBuffer() {
        String text = "z".repeat(4 * 1024 * 1024);
        byte[] replyBody = statementReply(text);
        int piece = 32 * 1024; // the server writes in pieces too, so its own direct buffers stay small
        List<byte[]> pieces = new ArrayList<>();
        for (int at = 0; at < replyBody.length; at += piece) {
            pieces.add(java.util.Arrays.copyOfRange(replyBody, at, Math.min(replyBody.length, at + piece)));
        }
        script.add(ok());
        script.add(reply("HTTP/1.1 200 OK\r\nContent-Length: " + replyBody.length + "\r\n\r\n", pieces.toArray(byte[][]::new)));
        BufferPoolMXBean direct = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .filter(pool -> pool.getName().equals("direct")).findFirst().orElseThrow();
        try (SurrealClient client = SurrealClient.create(config().build())) {
            assertThat(returnOne(client)).isEqualTo(1L);
            long before = direct.getTotalCapacity();
            assertThat(client.query("RETURN 1", Map.of()).get(0).result()).isEqualTo(text);
            long grown = direct.getTotalCapacity() - before;
            assertThat(grown)
                    .as("direct buffer bytes kept after reading a reply of %,d bytes (before: %,d)", replyBody.length, before)
                    .isLessThanOrEqualTo(1024L * 1024);
        }
    }

    private static byte[] statementReply(Object result) {
        return io.cortexsync.connector.surrealdb.client.cbor.CborWriter.encode(Map.of("result",
                List.of(Map.of("status", "OK", "time", "1ms", "result", result))));
    }

    private static byte[] chunk(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes((Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(data);
        out.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        return out.toByteArray();
    }

    @Test
    void interimRepliesAreSkipped() {
        script.add(reply("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: " + RETURN_1.length + "\r\n\r\n",
                RETURN_1));
        try (SurrealClient client = SurrealClient.create(config().build())) {
            assertThat(returnOne(client)).isEqualTo(1L);
        }
    }

    @Test
    void aConnectionTheServerClosedWhileIdleIsNotUsedForTheNextRequest() throws Exception {
        CountDownLatch closed = new CountDownLatch(1);
        script.add(out -> {
            ok().answer(out);
            // a server's idle timeout: the reply said keep-alive, the server closes anyway
            closed.countDown();
            return false;
        });
        script.add(ok());
        try (SurrealClient client = SurrealClient.create(config().build())) {
            assertThat(returnOne(client)).isEqualTo(1L);
            assertThat(closed.await(10, TimeUnit.SECONDS)).isTrue();
            awaitClosedByServer();
            // not idempotent: a request sent into the closed connection would fail, not be retried
            assertThat(returnOne(client)).isEqualTo(1L);
            assertThat(client.metrics().retries()).isZero();
        }
        assertThat(connections.get()).isEqualTo(2);
    }

    @Test
    void aCallerInterruptedWhileWaitingForTheReplyStopsAtOnce() throws Exception {
        CountDownLatch asked = new CountDownLatch(1);
        script.add(out -> {
            asked.countDown();
            return stall();
        });
        try (SurrealClient client = SurrealClient.create(config().requestTimeout(Duration.ofSeconds(50)).build())) {
            ExecutorService caller = Executors.newSingleThreadExecutor();
            try {
                Future<Object> call = caller.submit(() -> {
                    try {
                        return returnOne(client);
                    } catch (SurrealTransportException e) {
                        return e.getMessage() + " interruptedFlag=" + Thread.currentThread().isInterrupted()
                                + " retryable=" + e.isRetryable();
                    }
                });
                assertThat(asked.await(10, TimeUnit.SECONDS)).isTrue();
                long started = System.nanoTime();
                caller.shutdownNow();
                assertThat(call.get(10, TimeUnit.SECONDS))
                        .isEqualTo("query interrupted interruptedFlag=true retryable=false");
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
            } finally {
                caller.shutdownNow();
            }
        }
    }

    @Test
    void aReplyWhoseBodyStallsPastTheRequestTimeoutIsATimeout() {
        script.add(out -> {
            out.write(("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n0123456789").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return stall();
        });
        try (SurrealClient client = SurrealClient.create(config().requestTimeout(Duration.ofMillis(300)).build())) {
            long started = System.nanoTime();
            assertThatThrownBy(() -> returnOne(client))
                    .isInstanceOf(SurrealTimeoutException.class)
                    .hasMessageContaining("timed out");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void aServerThatRefusesABodyBeforeReadingItIsHeardDespiteTheReset() {
        byte[] text = "The request body is larger than the server's limit".getBytes(StandardCharsets.UTF_8);
        Answer tooLarge = reply("HTTP/1.1 413 Payload Too Large\r\nContent-Length: " + text.length
                + "\r\nConnection: close\r\n\r\n", text);
        script.add((EarlyAnswer) tooLarge::answer);
        // a body far beyond what the sockets' buffers take in: the write meets the reset
        try (SurrealClient client = SurrealClient.create(config().maxRequestBytes(64 << 20).build())) {
            assertThatThrownBy(() -> client.query("RETURN $blob", Map.of("blob", new byte[32 << 20])))
                    .isInstanceOf(SurrealRequestTooLargeException.class)
                    .hasMessageContaining("413")
                    .hasMessageContaining("larger than the server's limit");
        }
    }

    @Test
    void aMalformedReplyIsATransportError() {
        script.add(reply("SMTP ready\r\n\r\n"));
        try (SurrealClient client = SurrealClient.create(config().build())) {
            assertThatThrownBy(() -> returnOne(client))
                    .isInstanceOf(SurrealTransportException.class)
                    .hasMessageContaining("not an HTTP/1.x status line");
        }
    }

    @Test
    void headerValuesCannotCarryLineBreaks() {
        assertThatThrownBy(() -> SurrealClient.create(config().namespace("ns\r\nX-Injected: 1").build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("surreal-ns");
        try (SurrealClient client = SurrealClient.create(config().token("secret-token\r\nX-Injected: 1").build())) {
            assertThatThrownBy(() -> returnOne(client))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("Authorization")
                    .hasMessageNotContaining("secret-token");
        }
        assertThat(requestHeads).isEmpty();
    }

    /** The server's side of the first connection is closed; its FIN has reached the client. */
    private void awaitClosedByServer() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!accepted.get(0).isClosed()) {
            assertThat(System.nanoTime()).as("the server closes the first connection within 10 s").isLessThan(deadline);
            Thread.sleep(5);
        }
    }
}
