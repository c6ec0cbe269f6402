package io.cortexsync.connector.surrealdb.client;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CredentialsTest {

    @Test
    void basicAuthEncodesUserAndPassword() {
        SurrealConnectionConfig config = config().basicAuth("root", "pä:ss").build();
        Credentials credentials = new Credentials(config, () -> "unused", Clock.systemUTC());
        assertThat(credentials.header()).isEqualTo(
                "Basic " + Base64.getEncoder().encodeToString("root:pä:ss".getBytes(StandardCharsets.UTF_8)));
        assertThat(credentials.renewAfterRejection(credentials.header())).isFalse();
    }

    @Test
    void signinTokensAreRenewedBeforeTheyExpireAndAfterARejection() {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        List<String> issued = new ArrayList<>();
        Credentials credentials = new Credentials(config().signin("root", "pw").build(), () -> {
            String token = jwt(now.getEpochSecond() + 60 + issued.size());
            issued.add(token);
            return token;
        }, Clock.fixed(now, ZoneOffset.UTC));

        String first = credentials.header();
        assertThat(first).isEqualTo("Bearer " + issued.get(0));
        assertThat(credentials.header()).isSameAs(first);
        assertThat(credentials.renewAfterRejection(first)).isTrue();
        assertThat(credentials.header()).isEqualTo("Bearer " + issued.get(1));

        int[] signins = {0};
        Credentials expiring = new Credentials(config().signin("root", "pw").build(), () -> {
            signins[0]++;
            return jwt(now.getEpochSecond() + 10);
        }, Clock.fixed(now, ZoneOffset.UTC));
        String soonExpired = expiring.header();
        expiring.header();
        // within the 30 s margin: each call signs in again rather than send a dying token
        assertThat(signins[0]).isEqualTo(2);
        assertThat(Credentials.expiryOf(soonExpired.substring(7))).contains(now.plusSeconds(10));
    }

    private static SurrealConnectionConfig.Builder config() {
        return SurrealConnectionConfig.builder().url("http://127.0.0.1:1").namespace("n").database("d");
    }

    private static String jwt(long exp) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString("{\"alg\":\"HS512\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(("{\"ID\":\"root\",\"exp\":" + exp + "}").getBytes(StandardCharsets.UTF_8)) + ".sig";
    }
}
