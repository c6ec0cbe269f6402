package io.cortexsync.connector.surrealdb.client;

import io.cortexsync.connector.surrealdb.client.cbor.CborReader;
import io.cortexsync.connector.surrealdb.client.cbor.CborWriter;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Replies the real engine cannot be made to give on demand (503, 500, 413, an expired token),
 * from a small local HTTP server that answers from a script.
 */
class HttpStatusHandlingTest {

    /** The engine's reply to {@code RETURN 1}. */
    private static final byte[] RETURN_1 = HexFormat.of().parseHex(
            "a166726573756c7481a466726573756c740166737461747573624f4b6474696d656931342e343437c2b5736474797065c6f6");

    private HttpServer server;
    private final ConcurrentLinkedDeque<Reply> script = new ConcurrentLinkedDeque<>();
    private final List<Map<String, String>> seen = Collections.synchronizedList(new ArrayList<>());

    private record Reply(int status, byte[] body) {}

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::answer);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        byte[] request = exchange.getRequestBody().readAllBytes();
        Object method = request.length == 0 ? exchange.getRequestURI().getPath()
                : ((Map<?, ?>) CborReader.decode(request)).get("method");
        seen.add(Map.of("method", String.valueOf(method),
                "auth", String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")),
                "ns", String.valueOf(exchange.getRequestHeaders().getFirst("surreal-ns")),
                "db", String.valueOf(exchange.getRequestHeaders().getFirst("surreal-db"))));
        Reply reply = script.poll();
        if (reply == null) {
            reply = new Reply(500, "script exhausted".getBytes(StandardCharsets.UTF_8));
        }
        exchange.sendResponseHeaders(reply.status(), reply.body().length == 0 ? -1 : reply.body().length);
        exchange.getResponseBody().write(reply.body());
        exchange.close();
    }

    private SurrealClient client(SurrealConnectionConfig.Builder builder) {
        return SurrealClient.create(builder.build());
    }

    private SurrealConnectionConfig.Builder config() {
        return SurrealConnectionConfig.builder()
                .url("http://127.0.0.1:" + server.getAddress().getPort())
                .namespace("ns")
                .database("db")
                .basicAuth("root", "root")
                .retry(5, Duration.ofMillis(5), Duration.ofMillis(20));
    }

    private static Reply text(int status, String body) {
        return new Reply(status, body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void idempotentCallsAreRetriedAfter503AndOthersAreNot() {
        script.add(text(503, "starting"));
        script.add(text(503, "starting"));
        script.add(new Reply(200, RETURN_1));
        try (SurrealClient client = client(config())) {
            List<StatementResult> results = client.query("RETURN 1", Map.of(), QueryOptions.DEFAULTS.withIdempotent(true));
            assertThat(results.get(0).result()).isEqualTo(1L);
            assertThat(client.metrics().retries()).isEqualTo(2);
            assertThat(seen).allSatisfy(headers -> assertThat(headers)
                    .containsEntry("ns", "ns").containsEntry("db", "db").containsKey("auth"));

            script.add(text(503, "starting"));
            assertThatThrownBy(() -> client.query("CREATE t", Map.of()))
                    .isInstanceOfSatisfying(SurrealHttpException.class, e -> assertThat(e.status()).isEqualTo(503));
            assertThat(client.metrics().retries()).isEqualTo(2);
        }
    }

    @Test
    void a400IsNotRetriedAndA413IsRequestTooLarge() {
        script.add(text(400, "bad request"));
        script.add(text(413, "length limit exceeded"));
        try (SurrealClient client = client(config())) {
            assertThatThrownBy(() -> client.select(SurrealRecordId.of("t", 1)))
                    .isInstanceOfSatisfying(SurrealHttpException.class, e -> assertThat(e.isRetryable()).isFalse())
                    .hasMessageContaining("bad request");
            assertThatThrownBy(() -> client.select(SurrealRecordId.of("t", 1)))
                    .isInstanceOf(SurrealRequestTooLargeException.class)
                    .hasMessageContaining("length limit exceeded");
            assertThat(seen).hasSize(2);
        }
    }

    @Test
    void aRequestOverTheLimitIsNotSent() {
        try (SurrealClient client = client(config().maxRequestBytes(2048))) {
            assertThatThrownBy(() -> client.query("RETURN $v", Map.of("v", "x".repeat(4000))))
                    .isInstanceOf(SurrealRequestTooLargeException.class);
            assertThat(seen).isEmpty();
        }
    }

    @Test
    void aRejectedSigninTokenIsRenewedOnce() {
        script.add(new Reply(200, CborWriter.encode(Map.of("result", "token-1"))));
        script.add(new Reply(200, RETURN_1));
        script.add(text(401, "There was a problem with authentication"));
        script.add(new Reply(200, CborWriter.encode(Map.of("result", "token-2"))));
        script.add(new Reply(200, RETURN_1));
        try (SurrealClient client = client(config().signin("root", "root"))) {
            client.query("RETURN 1", Map.of());
            client.query("RETURN 1", Map.of());
        }
        assertThat(seen).extracting(h -> h.get("method") + " " + h.get("auth")).containsExactly(
                "signin null", "query Bearer token-1", "query Bearer token-1", "signin null", "query Bearer token-2");
    }
}
