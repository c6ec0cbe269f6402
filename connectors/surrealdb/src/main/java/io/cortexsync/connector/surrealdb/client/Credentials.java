package io.cortexsync.connector.surrealdb.client;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code Authorization} header of every request. In {@link
 * SurrealConnectionConfig.AuthMode#SIGNIN} mode it holds the token from the last {@code signin}
 * and signs in again shortly before the token expires or after the server refused it.
 */
final class Credentials {

    /** Renew this long before {@code exp}, so that a token does not expire on its way. */
    private static final Duration EXPIRY_MARGIN = Duration.ofSeconds(30);
    private static final Pattern EXP_CLAIM = Pattern.compile("\"exp\"\\s*:\\s*(\\d+)");

    private final SurrealConnectionConfig.AuthMode mode;
    private final String fixedHeader;
    private final Supplier<String> signin;
    private final Clock clock;
    private String tokenHeader;
    private Instant renewAt = Instant.MAX;

    Credentials(SurrealConnectionConfig config, Supplier<String> signin, Clock clock) {
        this.mode = config.authMode();
        this.signin = signin;
        this.clock = clock;
        switch (mode) {
            case BASIC:
                String pair = config.user().orElseThrow() + ":" + config.password().orElseThrow();
                this.fixedHeader = "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
                break;
            case TOKEN:
                this.fixedHeader = "Bearer " + config.token().orElseThrow();
                break;
            default:
                this.fixedHeader = null;
        }
    }

    /** The header value, or null for a guest; signs in first when needed. */
    synchronized String header() {
        if (mode != SurrealConnectionConfig.AuthMode.SIGNIN) {
            return fixedHeader;
        }
        if (tokenHeader == null || !clock.instant().isBefore(renewAt)) {
            String token = signin.get();
            tokenHeader = "Bearer " + token;
            renewAt = expiryOf(token).map(exp -> exp.minus(EXPIRY_MARGIN)).orElse(Instant.MAX);
        }
        return tokenHeader;
    }

    /**
     * After a 401 for {@code rejected}: drops that token and says whether to try again with a
     * new one (only when signing in can produce one).
     */
    synchronized boolean renewAfterRejection(String rejected) {
        if (mode != SurrealConnectionConfig.AuthMode.SIGNIN) {
            return false;
        }
        if (rejected != null && rejected.equals(tokenHeader)) {
            tokenHeader = null;
        }
        return true;
    }

    /** The {@code exp} claim of a JWT; its signature is the server's business, not ours. */
    static Optional<Instant> expiryOf(String token) {
        String[] parts = token.split("\\.");
        if (parts.length < 2) {
            return Optional.empty();
        }
        try {
            String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
            Matcher exp = EXP_CLAIM.matcher(claims);
            return exp.find() ? Optional.of(Instant.ofEpochSecond(Long.parseLong(exp.group(1)))) : Optional.empty();
        } catch (IllegalArgumentException notAJwt) {
            return Optional.empty();
        }
    }
}
