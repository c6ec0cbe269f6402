package io.cortexsync.testkit.surrealdb;

import io.cortexsync.testkit.surrealdb.SurrealTestClient.Format;
import io.cortexsync.testkit.surrealdb.SurrealTestClient.Reply;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Authentication as the real server does it: Basic, Bearer tokens from signin, guests refused. */
@Timeout(120)
class SurrealAuthITCase {

    private static final String INVALID_AUTH = "There was a problem with authentication";
    private static final String ANONYMOUS_REFUSED =
            "Anonymous access not allowed: Not enough permissions to perform this action";

    private static SurrealEndpoint server;
    private static String user;
    private static String pass;
    private static SurrealTestClient root;

    @BeforeAll
    static void start() throws Exception {
        server = SurrealEndpoint.externalOrEmbedded(
                TestServers.builder("auth").credentials("admin", "s3cret 'quoted'"));
        user = server.user();
        pass = server.password();
        root = SurrealTestClient.connect(server).withNamespace("auth", "main");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void basicRootCredentialsWork() throws Exception {
        JsonNode results = root.query("CREATE secret:1 SET v = 1; RETURN $auth.id", null).result();
        assertThat(results).allSatisfy(r -> assertThat(r.get("status").asText()).isEqualTo("OK"));
    }

    @Test
    void wrongPasswordOrUserIsUnauthorized() throws Exception {
        Reply wrongPassword = root.withBasic(user, "nope").rpc(Format.JSON, "query", "RETURN 1");
        assertThat(wrongPassword.status()).isEqualTo(401);
        assertThat(wrongPassword.text()).isEqualTo(INVALID_AUTH);

        Reply unknownUser = root.withBasic("nobody", pass).rpc(Format.CBOR, "query", "RETURN 1");
        assertThat(unknownUser.status()).isEqualTo(401);
        assertThat(unknownUser.text()).isEqualTo(INVALID_AUTH);

        // The server authenticates before routing: every route checks the credentials.
        assertThat(root.withBasic(user, "nope").get("/health").statusCode()).isEqualTo(401);
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void signinReturnsATokenThatWorksAsBearer(Format format) throws Exception {
        SurrealTestClient guest = root.anonymous();
        String token = guest.rpc(format, "signin", Map.of("user", user, "pass", pass)).result().asText();
        assertThat(token.split("\\.")).hasSize(3);

        SurrealTestClient bearer = guest.withBearer(token);
        JsonNode created = bearer.rpc(Format.JSON, "create", "bearer_" + format.name().toLowerCase() + ":1", Map.of("v", 1)).result();
        assertThat(created.get("v").asInt()).isEqualTo(1);
        assertThat(bearer.query("RETURN $auth.id", null).result().get(0).get("status").asText()).isEqualTo("OK");

        // signin does not outlast its request: the guest is still a guest.
        assertThat(guest.query("RETURN 1", null).error().get("message").asText()).isEqualTo(ANONYMOUS_REFUSED);
    }

    @Test
    void withoutCredentialsQueriesAreRefusedWithSurrealsPermissionError() throws Exception {
        SurrealTestClient guest = root.anonymous();
        Reply query = guest.query("CREATE guest_t:1 SET v = 1", null);
        assertThat(query.status()).isEqualTo(200);
        assertThat(query.error().get("code").asInt()).isEqualTo(-32002);
        assertThat(query.error().get("kind").asText()).isEqualTo("NotAllowed");
        assertThat(query.error().get("message").asText()).isEqualTo(ANONYMOUS_REFUSED);

        Reply create = guest.rpc(Format.CBOR, "create", CborTree.recordId("guest_t", 2), Map.of("v", 2));
        assertThat(create.error().get("message").asText()).isEqualTo(ANONYMOUS_REFUSED);

        JsonNode written = root.query("SELECT * FROM guest_t", null).result().get(0);
        assertThat(written.get("result")).as("nothing the guest sent was written").isEmpty();

        assertThat(guest.get("/health").statusCode()).isEqualTo(200);
        assertThat(guest.rpc(Format.JSON, "version").result().asText()).isEqualTo("surrealdb-3.0.2");
    }

    @Test
    void invalidBearerTokensAreUnauthorized() throws Exception {
        Reply garbage = root.withBearer("not-a-token").rpc(Format.JSON, "query", "RETURN 1");
        assertThat(garbage.status()).isEqualTo(401);
        assertThat(garbage.text()).isNotBlank();

        String header = base64Url("{\"typ\":\"JWT\",\"alg\":\"HS512\"}");
        String claims = base64Url("{\"iss\":\"SurrealDB\",\"ID\":\"" + user + "\",\"exp\":4102444800}");
        Reply forged = root.withBearer(header + "." + claims + ".c2lnbmF0dXJl").rpc(Format.JSON, "query", "RETURN 1");
        assertThat(forged.status()).isEqualTo(401);
        assertThat(forged.text()).isEqualTo(INVALID_AUTH);
    }

    private static String base64Url(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
