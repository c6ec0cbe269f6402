package io.cortexsync.connector.surrealdb.client;

import io.cortexsync.connector.common.retry.Backoff;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Sends RPC requests over HTTP: headers, authentication, error sorting and retries of
 * idempotent calls. Thread-safe; {@link HttpClient} keeps a pool of keep-alive connections and
 * opens more when requests run concurrently, so no caller waits for another.
 */
final class RpcTransport implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RpcTransport.class);
    private static final String CBOR = "application/cbor";

    private final SurrealConnectionConfig config;
    private final ExecutorService executor;
    private final HttpClient http;
    private final URI rpcUri;
    private final Credentials credentials;
    private final Backoff backoff;
    private final ClientCounters counters = new ClientCounters();

    /** One exchange, given the Authorization header (null for none). */
    private interface Attempt<T> {
        T run(String authorization);
    }

    RpcTransport(SurrealConnectionConfig config) {
        this.config = config;
        this.executor = Executors.newCachedThreadPool(daemonThreads());
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(config.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(executor);
        if (config.trustStorePath().isPresent()) {
            builder.sslContext(TlsContexts.trusting(config));
        }
        this.http = builder.build();
        this.rpcUri = URI.create(config.url() + "/rpc");
        this.credentials = new Credentials(config, this::signinForToken, Clock.systemUTC());
        this.backoff = new Backoff(config.retryInitialBackoff(), config.retryMaxBackoff());
    }

    /** Runs one RPC method and returns its {@code result}. */
    Object rpc(String method, byte[] body, boolean idempotent, Set<String> floatArrayFields) {
        if (body.length > config.maxRequestBytes()) {
            counters.failed();
            throw SurrealRequestTooLargeException.request(body.length, config.maxRequestBytes(), "");
        }
        return withRetries(method, idempotent, () -> authenticated(auth -> {
            byte[] reply = exchange(method, post(body, auth), body.length);
            return RpcMessages.result(method, reply, floatArrayFields);
        }));
    }

    /** The text of a GET route such as {@code /version}; always idempotent. */
    String get(String path) {
        return withRetries("GET " + path, true, () -> authenticated(auth -> {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(config.url() + path))
                    .timeout(config.requestTimeout())
                    .GET();
            withHeaders(request, auth);
            return HttpFailures.text(exchange("GET " + path, request.build(), 0));
        }));
    }

    /** Signs in with the configured user and password and returns the token. */
    String signinForToken() {
        Map<String, Object> params = Map.of(
                "user", config.user().orElseThrow(() -> new IllegalStateException("signin needs a user")),
                "pass", config.password().orElseThrow(() -> new IllegalStateException("signin needs a password")));
        byte[] body = RpcMessages.request("signin", params);
        // without credentials.header(): that is what asks for this token
        Object result = withRetries("signin", true, () -> {
            try {
                return RpcMessages.result("signin", exchange("signin", post(body, null), body.length), Set.of());
            } catch (SurrealRpcException e) {
                throw new SurrealAuthenticationException(e.serverMessage());
            }
        });
        // SurrealDB 3 may answer {access, refresh}; 2.x and the common case answer the token itself
        if (result instanceof Map && ((Map<?, ?>) result).get("access") instanceof String) {
            return (String) ((Map<?, ?>) result).get("access");
        }
        if (!(result instanceof String)) {
            throw new SurrealAuthenticationException("signin returned no token");
        }
        return (String) result;
    }

    SurrealClientMetrics metrics() {
        return counters.snapshot();
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    private HttpRequest post(byte[] body, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(rpcUri)
                .timeout(config.requestTimeout())
                .header("Content-Type", CBOR)
                .header("Accept", CBOR)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        withHeaders(request, authorization);
        return request.build();
    }

    private void withHeaders(HttpRequest.Builder request, String authorization) {
        // HTTP keeps no session: every request names its namespace and database
        request.header("surreal-ns", config.namespace()).header("surreal-db", config.database());
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
    }

    /** Sends and returns the body of a 200 reply; any other status becomes an exception. */
    private byte[] exchange(String what, HttpRequest request, int requestBytes) {
        HttpResponse<byte[]> response;
        try {
            counters.sent(requestBytes);
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw HttpFailures.fromIo(e, what);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SurrealTransportException(what + " interrupted", e, false);
        }
        counters.received(response.body().length);
        if (response.statusCode() != 200) {
            throw HttpFailures.fromStatus(response.statusCode(), response.body(), requestBytes, config.maxRequestBytes());
        }
        return response.body();
    }

    private <T> T withRetries(String what, boolean idempotent, Supplier<T> call) {
        for (int attempts = 1; ; attempts++) {
            try {
                return call.get();
            } catch (SurrealException e) {
                if (!idempotent || !e.isRetryable() || attempts >= config.retryMaxAttempts()) {
                    counters.failed();
                    throw e;
                }
                Duration pause = backoff.delay(attempts);
                LOG.debug("{} failed (attempt {} of {}), retrying in {}: {}",
                        what, attempts, config.retryMaxAttempts(), pause, e.getMessage());
                counters.retried();
                pause(pause, what, e);
            }
        }
    }

    /** A 401 with a token from signin means it expired or was revoked: sign in again, once. */
    private <T> T authenticated(Attempt<T> attempt) {
        String authorization = credentials.header();
        try {
            return attempt.run(authorization);
        } catch (SurrealAuthenticationException e) {
            if (authorization == null || !credentials.renewAfterRejection(authorization)) {
                throw e;
            }
            return attempt.run(credentials.header());
        }
    }

    private static void pause(Duration pause, String what, SurrealException cause) {
        try {
            Thread.sleep(pause.toMillis(), pause.toNanosPart() % 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SurrealTransportException(what + " interrupted while waiting to retry", cause, false);
        }
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "surrealdb-http-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
