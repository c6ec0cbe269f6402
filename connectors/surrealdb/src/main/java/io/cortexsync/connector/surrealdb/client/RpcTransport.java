package io.cortexsync.connector.surrealdb.client;

import io.cortexsync.connector.common.retry.Backoff;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Sends RPC requests over HTTP: headers, authentication, error sorting and retries of
 * idempotent calls. Thread-safe; {@link HttpConnectionPool} keeps keep-alive connections and
 * opens more when requests run concurrently, so no caller waits for another.
 */
final class RpcTransport implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RpcTransport.class);
    private static final String CBOR = "application/cbor";

    private final SurrealConnectionConfig config;
    private final HttpEndpoint endpoint;
    private final HttpConnectionPool http;
    /** The headers every request carries: host, namespace and database. */
    private final String commonHeaders;
    private final Credentials credentials;
    private final Backoff backoff;
    private final ClientCounters counters = new ClientCounters();

    /** One exchange, given the Authorization header (null for none). */
    private interface Attempt<T> {
        T run(String authorization);
    }

    RpcTransport(SurrealConnectionConfig config) {
        this.config = config;
        this.endpoint = HttpEndpoint.of(config);
        // HTTP keeps no session: every request names its namespace and database
        this.commonHeaders = "Host: " + headerValue("Host", endpoint.hostHeader(), false) + "\r\n"
                + "surreal-ns: " + headerValue("surreal-ns", config.namespace(), false) + "\r\n"
                + "surreal-db: " + headerValue("surreal-db", config.database(), false) + "\r\n";
        this.http = new HttpConnectionPool(endpoint, config.requestTimeout());
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
            byte[] reply = exchange(method, post(body, auth), body, body.length);
            return RpcMessages.result(method, reply, floatArrayFields);
        }));
    }

    /** The text of a GET route such as {@code /version}; always idempotent. */
    String get(String path) {
        return withRetries("GET " + path, true, () -> authenticated(auth -> HttpFailures.text(
                exchange("GET " + path, head("GET", path, auth, -1), new byte[0], 0))));
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
                return RpcMessages.result("signin", exchange("signin", post(body, null), body, body.length), Set.of());
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
        http.close();
    }

    private byte[] post(byte[] body, String authorization) {
        return head("POST", "/rpc", authorization, body.length);
    }

    /** The request line and headers, up to the empty line; {@code contentLength} -1 for none. */
    private byte[] head(String method, String route, String authorization, int contentLength) {
        StringBuilder head = new StringBuilder(256)
                .append(method).append(' ').append(endpoint.target(route)).append(" HTTP/1.1\r\n")
                .append(commonHeaders);
        if (contentLength >= 0) {
            head.append("Content-Type: ").append(CBOR).append("\r\nContent-Length: ").append(contentLength).append("\r\n");
        }
        head.append("Accept: ").append(contentLength >= 0 ? CBOR : "*/*").append("\r\n");
        if (authorization != null) {
            head.append("Authorization: ").append(headerValue("Authorization", authorization, true)).append("\r\n");
        }
        return head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Sends and returns the body of a 200 reply; any other status becomes an exception. */
    private byte[] exchange(String what, byte[] head, byte[] body, int requestBytes) {
        HttpConnectionPool.Reply reply;
        try {
            counters.sent(requestBytes);
            reply = http.exchange(head, body);
        } catch (ClosedByInterruptException e) {
            throw interrupted(what, e);
        } catch (IOException e) {
            if (Thread.currentThread().isInterrupted()) {
                // a TLS layer may wrap the channel's ClosedByInterruptException
                throw interrupted(what, e);
            }
            throw HttpFailures.fromIo(e, what);
        }
        counters.received(reply.body.length);
        if (reply.status != 200) {
            throw HttpFailures.fromStatus(reply.status, reply.body, requestBytes, config.maxRequestBytes());
        }
        return reply.body;
    }

    private static SurrealTransportException interrupted(String what, IOException cause) {
        Thread.currentThread().interrupt();
        return new SurrealTransportException(what + " interrupted", cause, false);
    }

    /**
     * A header value as HTTP/1.1 carries it: no line breaks or other control characters (which
     * would end the header and start another), nothing beyond ISO-8859-1. A secret is not shown.
     */
    static String headerValue(String name, String value, boolean secret) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7f || c > 0xff) {
                throw new IllegalArgumentException("the " + name + " header cannot carry "
                        + (secret ? "this value" : "'" + value + "'")
                        + ": it holds a control character or a character beyond ISO-8859-1 at index " + i);
            }
        }
        return value;
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
                pauseBeforeRetry(what, attempts, e);
            }
        }
    }

    /**
     * Waits the backoff before attempt {@code attempt + 1} of a call that failed with {@code
     * cause}, and counts the retry; interrupted, it throws.
     */
    void pauseBeforeRetry(String what, int attempt, SurrealException cause) {
        Duration pause = backoff.delay(attempt);
        LOG.debug("{} failed (attempt {} of {}), retrying in {}: {}",
                what, attempt, config.retryMaxAttempts(), pause, cause.getMessage());
        counters.retried();
        pause(pause, what, cause);
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
}
