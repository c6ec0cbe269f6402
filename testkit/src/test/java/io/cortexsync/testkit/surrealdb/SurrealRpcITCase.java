package io.cortexsync.testkit.surrealdb;

import io.cortexsync.testkit.surrealdb.SurrealTestClient.Format;
import io.cortexsync.testkit.surrealdb.SurrealTestClient.Reply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static io.cortexsync.testkit.surrealdb.CborTree.TAG_FIELD;
import static io.cortexsync.testkit.surrealdb.CborTree.VALUE_FIELD;
import static org.assertj.core.api.Assertions.assertThat;

/** The /rpc, /health and /version endpoints against the real engine, in JSON and CBOR. */
@Timeout(120)
class SurrealRpcITCase {

    private static final int MAX_BODY = 4 * 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private static SurrealEndpoint server;
    private static SurrealTestClient client;

    @BeforeAll
    static void start() throws Exception {
        server = SurrealEndpoint.externalOrEmbedded(TestServers.builder("rpc"));
        client = SurrealTestClient.connect(server).withNamespace("rpc", "main");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void healthAndVersion() throws Exception {
        HttpResponse<String> health = client.get("/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).isEmpty();

        HttpResponse<String> version = client.get("/version");
        assertThat(version.statusCode()).isEqualTo(200);
        assertThat(version.body()).isEqualTo("surrealdb-3.0.2");
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void createSelectQueryDeleteRoundTrip(Format format) throws Exception {
        String table = "person_" + format.name().toLowerCase();
        Object id = format == Format.CBOR ? CborTree.recordId(table, "alice") : table + ":alice";

        JsonNode created = client.rpc(format, "create", id, Map.of("name", "Alice", "age", 42, "score", 1.5)).result();
        assertThat(created.get("name").asText()).isEqualTo("Alice");
        assertThat(created.get("age").asLong()).isEqualTo(42);
        assertThat(created.get("score").asDouble()).isEqualTo(1.5);
        assertRecordId(format, created.get("id"), table, "alice");

        JsonNode selected = client.rpc(format, "select", id).result();
        assertThat(selected).isEqualTo(created);

        JsonNode query = client.rpc(format, "query",
                "SELECT * FROM type::table($tb) WHERE age > $min", Map.of("tb", table, "min", 18)).result();
        assertThat(query).hasSize(1);
        assertThat(query.get(0).get("status").asText()).isEqualTo("OK");
        assertThat(query.get(0).get("result")).containsExactly(created);

        JsonNode deleted = client.rpc(format, "delete", id).result();
        assertThat(deleted).isEqualTo(created);

        JsonNode gone = client.rpc(format, "select", id).result();
        if (format == Format.JSON) {
            assertThat(gone.isNull()).isTrue();
        } else {
            assertThat(gone.get(TAG_FIELD).asInt()).as("NONE is tag 6").isEqualTo(6);
        }
    }

    private static void assertRecordId(Format format, JsonNode id, String table, String key) {
        if (format == Format.JSON) {
            assertThat(id.asText()).isEqualTo(table + ":" + key);
        } else {
            assertThat(id.get(TAG_FIELD).asInt()).isEqualTo(8);
            assertThat(id.get(VALUE_FIELD)).containsExactly(JSON.valueToTree(table), JSON.valueToTree(key));
        }
    }

    @Test
    void jsonRepliesUseTheServersEncoding() throws Exception {
        Reply reply = client.rpc(Format.JSON, "query",
                "RETURN [1.0, 2, 1e20, d'2024-01-02T03:04:05.5Z', 1h30m, u'0190d5f6-1c8a-7000-8000-000000000001',"
                        + " 1.5dec, NONE, person:1, person:`a b`, type::table('person'), <bytes>'ab', (1.0, 2.5)]");
        String expected = "[1.0,2,1e20,\"2024-01-02T03:04:05.500Z\",\"1h30m\","
                + "\"0190d5f6-1c8a-7000-8000-000000000001\",\"1.5\",null,\"person:1\",\"person:`a b`\","
                + "\"person\",[97,98],{\"coordinates\":[1.0,2.5],\"type\":\"Point\"}]";
        assertThat(reply.text()).startsWith("{\"result\":[{\"result\":" + expected + ",\"status\":\"OK\",");
        assertThat(reply.body().has("id")).isFalse();
    }

    @Test
    void cborRepliesKeepSurrealTags() throws Exception {
        JsonNode values = client.rpc(Format.CBOR, "query",
                "RETURN [person:1, d'2024-01-01T00:00:00Z', u'0190d5f6-1c8a-7000-8000-000000000001', NONE, 1.5dec]")
                .result().get(0).get("result");
        assertThat(values).extracting(v -> v.get(TAG_FIELD).asInt()).containsExactly(8, 12, 37, 6, 10);
        assertThat(values.get(1).get(VALUE_FIELD).get(0).asLong()).isEqualTo(1704067200L);
    }

    @Test
    void queryReportsAStatusPerStatement() throws Exception {
        JsonNode results = client.query(
                "CREATE status_t:1 SET a = 1; THROW 'boom'; SELECT VALUE a FROM status_t", null).result();
        assertThat(results).extracting(r -> r.get("status").asText()).containsExactly("OK", "ERR", "OK");
        assertThat(results.get(1).get("result").asText()).contains("boom");
        assertThat(results.get(2).get("result")).containsExactly(JSON.valueToTree(1));
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void anRpcErrorIsHttp200WithErrorAndNoId(Format format) throws Exception {
        Reply reply = client.rpc(format, "query", "SELECT * FROM;");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.contentType()).isEqualTo(format.mediaType);
        assertThat(reply.error().get("code").asInt()).isEqualTo(-32000);
        assertThat(reply.error().get("message").asText()).startsWith("Parse error");
        assertThat(reply.body().has("id")).isFalse();
        assertThat(reply.body().has("result")).isFalse();

        Reply unknown = client.rpc(format, "no_such_method");
        assertThat(unknown.error().get("code").asInt()).isEqualTo(-32601);
    }

    @Test
    void namespaceAndDatabaseHeadersIsolateData() throws Exception {
        SurrealTestClient left = client.withNamespace("left", "db");
        SurrealTestClient right = client.withNamespace("right", "db");
        left.rpc(Format.JSON, "create", "iso:1", Map.of("side", "left")).result();
        right.rpc(Format.JSON, "create", "iso:1", Map.of("side", "right")).result();
        SurrealTestClient otherDatabase = client.withNamespace("left", "other");

        assertThat(left.rpc(Format.JSON, "select", "iso:1").result().get("side").asText()).isEqualTo("left");
        assertThat(right.rpc(Format.JSON, "select", "iso:1").result().get("side").asText()).isEqualTo("right");
        assertThat(otherDatabase.rpc(Format.JSON, "select", "iso:1").error().get("message").asText())
                .isEqualTo("The table 'iso' does not exist");
        assertThat(sessionNamespace(left)).isEqualTo("left");
        assertThat(sessionNamespace(right)).isEqualTo("right");
    }

    @Test
    void useDoesNotOutlastTheRequest() throws Exception {
        JsonNode used = client.rpc(Format.JSON, "use", "elsewhere", "db").result();
        assertThat(used.get("namespace").asText()).isEqualTo("elsewhere");
        assertThat(sessionNamespace(client)).isEqualTo("rpc");
    }

    private static String sessionNamespace(SurrealTestClient c) throws Exception {
        return c.query("RETURN $session.ns", null).result().get(0).get("result").asText();
    }

    @Test
    void acceptMustNameTheBodyFormat() throws Exception {
        byte[] json = "{\"method\":\"version\",\"params\":[]}".getBytes(StandardCharsets.UTF_8);

        HttpResponse<byte[]> mismatch = client.post(json, "application/json", "application/cbor");
        assertThat(mismatch.statusCode()).isEqualTo(415);
        assertThat(JSON.readTree(mismatch.body()).get("details").asText()).isEqualTo("Unsupported media type");

        assertThat(client.post(json, "application/json", "*/*").statusCode()).isEqualTo(200);
        assertThat(client.post(json, "application/json", null).statusCode()).isEqualTo(200);
        assertThat(client.post(json, "text/plain", null).statusCode()).isEqualTo(415);
        assertThat(client.post(json, null, null).statusCode()).isEqualTo(400);
    }

    @Test
    void bodiesOverFourMebibytesAreRefused() throws Exception {
        byte[] atLimit = queryOfSize(MAX_BODY);
        HttpResponse<byte[]> accepted = client.post(atLimit, "application/json", "application/json");
        assertThat(accepted.statusCode()).isEqualTo(200);
        JsonNode returned = JSON.readTree(accepted.body()).get("result").get(0).get("result");
        assertThat(returned.asInt()).isGreaterThan(MAX_BODY - 100);

        HttpResponse<byte[]> refused = client.post(queryOfSize(MAX_BODY + 1), "application/json", "application/json");
        assertThat(refused.statusCode()).isEqualTo(413);
    }

    /** A JSON query request of exactly {@code size} bytes, returning the length of its padding. */
    private static byte[] queryOfSize(int size) throws Exception {
        String prefix = "{\"method\":\"query\",\"params\":[\"RETURN string::len($s)\",{\"s\":\"";
        String suffix = "\"}]}";
        String body = prefix + "x".repeat(size - prefix.length() - suffix.length()) + suffix;
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        assertThat(bytes).hasSize(size);
        assertThat(JSON.readTree(bytes).get("params")).hasSize(2);
        return bytes;
    }

    @Test
    void unreadableBodiesAreBadRequests() throws Exception {
        HttpResponse<byte[]> garbage = client.post(new byte[] {(byte) 0xff, 0x00}, "application/cbor", null);
        assertThat(garbage.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(garbage.body()).get("information").asText()).isEqualTo("Parse error");

        HttpResponse<byte[]> noMethod = client.post("{\"params\":[]}".getBytes(StandardCharsets.UTF_8), "application/json", null);
        assertThat(noMethod.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(noMethod.body()).get("information").asText()).isEqualTo("Invalid request");
        assertThat(List.of(garbage, noMethod)).allSatisfy(r -> assertThat(r.headers().firstValue("content-type")).hasValue("application/json"));
    }
}
