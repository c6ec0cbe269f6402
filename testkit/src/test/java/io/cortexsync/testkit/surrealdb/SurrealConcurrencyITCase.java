package io.cortexsync.testkit.surrealdb;

import io.cortexsync.testkit.surrealdb.SurrealTestClient.Format;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Concurrent requests run side by side, each in the session its own headers describe. */
@Timeout(180)
class SurrealConcurrencyITCase {

    private static EmbeddedSurrealDb server;
    private static SurrealTestClient root;
    private static ExecutorService pool;

    @BeforeAll
    static void start() throws Exception {
        server = TestServers.startInMemory("concurrency");
        root = SurrealTestClient.connect(server);
        pool = Executors.newFixedThreadPool(12);
    }

    @AfterAll
    static void stop() {
        if (pool != null) {
            pool.shutdownNow();
        }
        if (server != null) {
            server.close();
        }
    }

    /**
     * A keep-alive connection left idle longer than Node's default 5 s stays open, as on the real
     * server: a client's next request on it must not meet a connection closed under it.
     */
    @Test
    void anIdleKeepAliveConnectionStaysOpen() throws Exception {
        URI base = URI.create(server.baseUrl());
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            assertThat(health(socket)).startsWith("HTTP/1.1 200");
            Thread.sleep(6_500);
            assertThat(health(socket)).startsWith("HTTP/1.1 200");
        }
    }

    /** Sends {@code GET /health} on the connection and reads the reply's head (the body is empty). */
    private static String health(Socket socket) throws Exception {
        socket.getOutputStream().write("GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        StringBuilder head = new StringBuilder();
        InputStream in = socket.getInputStream();
        while (head.indexOf("\r\n\r\n") < 0) {
            int b = in.read();
            if (b < 0) {
                return "closed after: " + head;
            }
            head.append((char) b);
        }
        return head.toString();
    }

    @Test
    void requestsAreNotSerialized() throws Exception {
        int requests = 4;
        long sleepMillis = 800;
        List<Callable<JsonNode>> sleepers = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            SurrealTestClient client = root.withNamespace("sleep" + i, "main");
            sleepers.add(() -> client.query("SLEEP " + sleepMillis + "ms; RETURN $session.ns", null).result());
        }
        long started = System.nanoTime();
        List<JsonNode> results = all(sleepers);
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

        for (int i = 0; i < requests; i++) {
            assertThat(results.get(i).get(1).get("result").asText()).isEqualTo("sleep" + i);
        }
        assertThat(elapsedMillis).as("one after another they would take %d ms", requests * sleepMillis)
                .isGreaterThanOrEqualTo(sleepMillis)
                .isLessThan(requests * sleepMillis / 2);
    }

    @Test
    void concurrentSessionsDoNotSeeEachOther() throws Exception {
        String token = root.rpc(Format.JSON, "signin", Map.of("user", "root", "pass", "root")).result().asText();
        int writers = 8;
        int rounds = 15;
        List<Callable<JsonNode>> tasks = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            String namespace = "writer" + w;
            SurrealTestClient base = root.withNamespace(namespace, "main");
            SurrealTestClient client = w % 2 == 0 ? base : base.anonymous().withBearer(token);
            Format format = w % 3 == 0 ? Format.CBOR : Format.JSON;
            tasks.add(() -> writeAndReadOwn(client, format, namespace, rounds));
        }
        for (int g = 0; g < 2; g++) {
            SurrealTestClient guest = root.withNamespace("writer" + g, "main").anonymous();
            tasks.add(() -> {
                for (int r = 0; r < rounds; r++) {
                    assertThat(guest.query("SELECT * FROM entry", null).error().get("code").asInt()).isEqualTo(-32002);
                }
                return null;
            });
        }
        all(tasks);

        for (int w = 0; w < writers; w++) {
            JsonNode owners = root.withNamespace("writer" + w, "main")
                    .query("SELECT VALUE owner FROM entry", null).result().get(0).get("result");
            assertThat(owners).hasSize(rounds);
            String expected = "writer" + w;
            assertThat(owners).allSatisfy(owner -> assertThat(owner.asText()).isEqualTo(expected));
        }
    }

    private static JsonNode writeAndReadOwn(SurrealTestClient client, Format format, String namespace, int rounds)
            throws Exception {
        for (int r = 0; r < rounds; r++) {
            client.rpc(format, "create", format == Format.CBOR ? CborTree.recordId("entry", r) : "entry:" + r,
                    Map.of("owner", namespace)).result();
            JsonNode seen = client.query("RETURN $session.ns; SELECT VALUE owner FROM entry", null).result();
            assertThat(seen.get(0).get("result").asText()).isEqualTo(namespace);
            assertThat(seen.get(1).get("result")).hasSize(r + 1)
                    .allSatisfy(owner -> assertThat(owner.asText()).isEqualTo(namespace));
        }
        return null;
    }

    private static <T> List<T> all(List<Callable<T>> tasks) throws Exception {
        List<Future<T>> futures = pool.invokeAll(tasks, 120, TimeUnit.SECONDS);
        List<T> results = new ArrayList<>();
        for (Future<T> future : futures) {
            results.add(future.get());
        }
        return results;
    }
}
