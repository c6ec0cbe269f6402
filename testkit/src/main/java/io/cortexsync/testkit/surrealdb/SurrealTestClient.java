package io.cortexsync.testkit.surrealdb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small client for tests: one SurrealDB RPC request per HTTP call, in JSON or CBOR, with the
 * namespace, database and credentials as headers. Instances are immutable; the {@code with…}
 * methods return a copy.
 */
public final class SurrealTestClient {

    /** The body format of a request and its reply. */
    public enum Format {
        JSON("application/json"),
        CBOR("application/cbor");

        public final String mediaType;

        Format(String mediaType) {
            this.mediaType = mediaType;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final CBORMapper CBOR = new CBORMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http;
    private final String baseUrl;
    private final String namespace;
    private final String database;
    private final String authorization;

    private SurrealTestClient(HttpClient http, String baseUrl, String namespace, String database, String authorization) {
        this.http = http;
        this.baseUrl = baseUrl;
        this.namespace = namespace;
        this.database = database;
        this.authorization = authorization;
    }

    /** A client for the server, signed in as its root user when it has one. */
    public static SurrealTestClient connect(EmbeddedSurrealDb server) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        SurrealTestClient client = new SurrealTestClient(http, server.baseUrl(), null, null, null);
        return server.user().isPresent()
                ? client.withBasic(server.user().get(), server.password().orElseThrow())
                : client;
    }

    /** A client for the endpoint, signed in as its root user. */
    public static SurrealTestClient connect(SurrealEndpoint endpoint) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        return new SurrealTestClient(http, endpoint.baseUrl(), null, null, null)
                .withBasic(endpoint.user(), endpoint.password());
    }

    public SurrealTestClient withNamespace(String namespace, String database) {
        return new SurrealTestClient(http, baseUrl, namespace, database, authorization);
    }

    public SurrealTestClient withBasic(String user, String password) {
        String encoded = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return new SurrealTestClient(http, baseUrl, namespace, database, "Basic " + encoded);
    }

    public SurrealTestClient withBearer(String token) {
        return new SurrealTestClient(http, baseUrl, namespace, database, "Bearer " + token);
    }

    /** Without credentials: a guest. */
    public SurrealTestClient anonymous() {
        return new SurrealTestClient(http, baseUrl, namespace, database, null);
    }

    /** Sends {@code {method, params}} in the given format (Accept the same) and decodes the reply. */
    public Reply rpc(Format format, String method, Object... params) throws IOException, InterruptedException {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("method", method);
        request.put("params", List.of(params));
        byte[] body = format == Format.CBOR ? CBOR.writeValueAsBytes(request) : JSON.writeValueAsBytes(request);
        HttpResponse<byte[]> response = post(body, format.mediaType, format.mediaType);
        return Reply.of(response, format);
    }

    /** Sends {@code query [sql]} or {@code query [sql, vars]} in JSON. */
    public Reply query(String sql, Map<String, ?> vars) throws IOException, InterruptedException {
        return vars == null ? rpc(Format.JSON, "query", sql) : rpc(Format.JSON, "query", sql, vars);
    }

    /** A raw POST to /rpc; {@code accept} may be null to leave the header out. */
    public HttpResponse<byte[]> post(byte[] body, String contentType, String accept) throws IOException, InterruptedException {
        HttpRequest.Builder request = request("/rpc").POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (accept != null) {
            request.header("Accept", accept);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** A GET on another route, such as /health or /version. */
    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(TIMEOUT);
        if (namespace != null) {
            request.header("surreal-ns", namespace);
        }
        if (database != null) {
            request.header("surreal-db", database);
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return request;
    }

    /** An HTTP reply: its status and, for 200, the decoded body ({@code {result}} or {@code {error}}). */
    public record Reply(int status, String contentType, JsonNode body, String text) {

        static Reply of(HttpResponse<byte[]> response, Format format) throws IOException {
            String contentType = response.headers().firstValue("content-type").orElse("");
            byte[] bytes = response.body();
            JsonNode body = null;
            if (contentType.equals(Format.CBOR.mediaType)) {
                body = CborTree.read(bytes);
            } else if (contentType.equals(Format.JSON.mediaType)) {
                body = JSON.readTree(bytes);
            }
            return new Reply(response.statusCode(), contentType, body, new String(bytes, StandardCharsets.UTF_8));
        }

        public boolean isError() {
            return body != null && body.has("error");
        }

        /** The result; fails when the reply is not a successful RPC reply. */
        public JsonNode result() {
            if (status != 200 || body == null || !body.has("result")) {
                throw new IllegalStateException("not an RPC result: HTTP " + status + " " + text);
            }
            return body.get("result");
        }

        /** The RPC error; fails when the reply carries none. */
        public JsonNode error() {
            if (!isError()) {
                throw new IllegalStateException("not an RPC error: HTTP " + status + " " + text);
            }
            return body.get("error");
        }
    }
}
