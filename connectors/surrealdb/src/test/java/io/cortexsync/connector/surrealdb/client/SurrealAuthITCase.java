package io.cortexsync.connector.surrealdb.client;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Basic credentials, signin tokens, and what the server says when it refuses them. */
@Timeout(120)
class SurrealAuthITCase {

    private static final String INVALID_AUTH = "There was a problem with authentication";

    @RegisterExtension
    static final SurrealTestEngine ENGINE = SurrealTestEngine.start("auth", "auth_it");

    @Test
    void aWrongPasswordIsAnAuthenticationFailureWithTheServersText() {
        SurrealConnectionConfig wrong = ENGINE.config().basicAuth(ENGINE.user(), "wrong").build();
        try (SurrealClient client = SurrealClient.create(wrong)) {
            assertThatThrownBy(() -> client.query("RETURN 1", Map.of()))
                    .isInstanceOfSatisfying(SurrealAuthenticationException.class,
                            e -> assertThat(e.serverMessage()).isEqualTo(INVALID_AUTH))
                    .hasMessageNotContaining("wrong");
            // refused credentials are not worth a retry, even for idempotent calls
            assertThatThrownBy(() -> client.select(SurrealRecordId.of("t", 1)))
                    .isInstanceOf(SurrealAuthenticationException.class);
            assertThat(client.metrics().retries()).isZero();
        }
    }

    @Test
    void signinGivesATokenThatWorksAsBearer() {
        String token;
        try (SurrealClient basic = SurrealClient.create(ENGINE.config().build())) {
            token = basic.signin();
        }
        assertThat(token.split("\\.")).hasSize(3);
        assertThat(Credentials.expiryOf(token)).isPresent();

        SurrealConnectionConfig bearer = ENGINE.config().token(token).build();
        try (SurrealClient client = SurrealClient.create(bearer)) {
            client.upsert(SurrealRecordId.of("bearer_t", 1), Map.of("v", 1));
            assertThat(client.select(SurrealRecordId.of("bearer_t", 1))).isPresent();
        }
    }

    @Test
    void signinModeSignsInOnceAndReusesTheToken() {
        SurrealConnectionConfig config = ENGINE.config().signin(ENGINE.user(), ENGINE.password()).build();
        try (SurrealClient client = SurrealClient.create(config)) {
            client.upsert(SurrealRecordId.of("signin_t", 1), Map.of("v", 1));
            // one signin, then the query: the token is reused afterwards
            long requests = client.metrics().requests();
            client.select(SurrealRecordId.of("signin_t", 1));
            assertThat(client.metrics().requests()).isEqualTo(requests + 1);
        }
    }

    @Test
    void signinWithAWrongPasswordIsAnAuthenticationFailure() {
        SurrealConnectionConfig config = ENGINE.config().signin(ENGINE.user(), "wrong").build();
        try (SurrealClient client = SurrealClient.create(config)) {
            assertThatThrownBy(() -> client.query("RETURN 1", Map.of()))
                    .isInstanceOf(SurrealAuthenticationException.class)
                    .hasMessageContaining("authentication");
        }
    }

    @Test
    void aForgedTokenIsRefused() {
        SurrealConnectionConfig config = ENGINE.config().token("not.a.token").build();
        try (SurrealClient client = SurrealClient.create(config)) {
            assertThatThrownBy(() -> client.query("RETURN 1", Map.of()))
                    .isInstanceOf(SurrealAuthenticationException.class);
        }
    }
}
