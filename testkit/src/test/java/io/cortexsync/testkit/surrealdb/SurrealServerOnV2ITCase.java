package io.cortexsync.testkit.surrealdb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The HTTP endpoints in front of the SurrealDB 2.6.0 engine behave as in front of 3.0.2. */
@Timeout(120)
class SurrealServerOnV2ITCase {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String QUERY_ONE = "{\"method\":\"query\",\"params\":[\"RETURN 1\"]}";

    private static EmbeddedSurrealDb server;
    private static HttpClient http;

    @BeforeAll
    static void start() throws Exception {
        server = TestServers.builder("v2-server").engineMajorVersion(2).build().start();
        // HTTP/1.1 as the connector's RpcTransport speaks it: with the JDK's default, every request
        // asks for an h2c upgrade, and a 401 the server had sent was now and then never delivered.
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static HttpRequest.Builder rpc(String body, String user, String password) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.rpcUrl()))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("surreal-ns", "v2")
                .header("surreal-db", "main")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (user != null) {
            String basic = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
            request.header("Authorization", "Basic " + basic);
        }
        return request;
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> asRoot(String body) throws Exception {
        return send(rpc(body, server.user().orElseThrow(), server.password().orElseThrow()));
    }

    @Test
    void versionAndHealthNameTheTwoEngine() throws Exception {
        HttpResponse<String> version = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/version")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(version.statusCode()).isEqualTo(200);
        assertThat(version.body()).isEqualTo("surrealdb-2.6.0");
        assertThat(version.headers().firstValue("surreal-version")).contains("surrealdb/2.6.0");
        assertThat(server.engineMajorVersion()).isEqualTo(2);

        HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
    }

    @Test
    void jsonQueriesAnswerResultsAndErrorsWithHttp200() throws Exception {
        HttpResponse<String> ok = asRoot("{\"method\":\"query\",\"params\":[\"CREATE j:1 SET v = 1; SELECT * FROM j\"]}");
        assertThat(ok.statusCode()).isEqualTo(200);
        JsonNode results = JSON.readTree(ok.body()).get("result");
        assertThat(results).hasSize(2);
        assertThat(results.get(1).get("result").get(0).get("id").asText()).isEqualTo("j:1");

        HttpResponse<String> unknown = asRoot("{\"method\":\"no_such_method\",\"params\":[]}");
        assertThat(unknown.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(unknown.body()).get("error").get("code").asInt()).isEqualTo(-32601);

        HttpResponse<String> parse = asRoot("{\"method\":\"query\",\"params\":[\"SELECT * FROM (\"]}");
        JsonNode error = JSON.readTree(parse.body()).get("error");
        assertThat(error.get("code").asInt()).isEqualTo(-32000);
        assertThat(error.get("message").asText()).contains("Parse error");
    }

    @Test
    void credentialsAreCheckedAsOnTheServer() throws Exception {
        assertThat(send(rpc(QUERY_ONE, server.user().orElseThrow(), "wrong")).statusCode()).isEqualTo(401);
        HttpResponse<String> guest = send(rpc(QUERY_ONE, null, null));
        assertThat(JSON.readTree(guest.body()).get("error").get("message").asText())
                .startsWith("Anonymous access not allowed");
        // a refused caller leaves the shared session usable for the next one
        assertThat(JSON.readTree(asRoot(QUERY_ONE).body()).get("result").get(0).get("result").asInt()).isEqualTo(1);
    }

    @Test
    void aUseLastsOneRequestOnly() throws Exception {
        asRoot("{\"method\":\"query\",\"params\":[\"UPSERT marker:1\"]}");
        assertThat(asRoot("{\"method\":\"use\",\"params\":[\"elsewhere\",\"other\"]}").statusCode()).isEqualTo(200);
        JsonNode after = JSON.readTree(asRoot("{\"method\":\"query\",\"params\":[\"SELECT * FROM marker\"]}").body());
        assertThat(after.get("result").get(0).get("result")).hasSize(1);
    }

    @Test
    void headersAndBodySizeAreCheckedAsOnTheServer() throws Exception {
        HttpResponse<String> mismatch = send(rpc(QUERY_ONE, server.user().orElseThrow(), server.password().orElseThrow())
                .header("Accept", "application/cbor"));
        assertThat(mismatch.statusCode()).isEqualTo(415);

        String huge = "{\"method\":\"query\",\"params\":[\"RETURN '" + "x".repeat(4 * 1024 * 1024) + "'\"]}";
        assertThat(asRoot(huge).statusCode()).isEqualTo(413);
    }

    @Test
    void theBuilderRefusesWhatTheTwoEngineCannotDo() {
        assertThatThrownBy(() -> EmbeddedSurrealDb.builder().engineMajorVersion(2).dataDir(Paths.get("x")).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("memory only");
        assertThatThrownBy(() -> EmbeddedSurrealDb.builder().engineMajorVersion(4).build())
                .isInstanceOf(IllegalArgumentException.class);
    }
}
