package io.cortexsync.connector.surrealdb.client;

import org.apache.flink.annotation.PublicEvolving;

import java.io.Serializable;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Where and how to reach SurrealDB: endpoint, namespace and database, credentials, TLS trust,
 * timeouts, retries and the request size limit. Immutable and serializable, so that a Flink job
 * can ship it to its tasks; {@link #toString()} never shows a password or token.
 */
@PublicEvolving
public final class SurrealConnectionConfig implements Serializable {

    private static final long serialVersionUID = 1L;

    /** SurrealDB's default limit on an RPC body ({@code SURREAL_HTTP_MAX_RPC_BODY_SIZE}). */
    public static final int DEFAULT_MAX_REQUEST_BYTES = 4 << 20;

    /** How requests authenticate. */
    public enum AuthMode {
        /** No credentials: a guest, which servers refuse by default. */
        NONE,
        /** {@code Authorization: Basic} with user and password on every request. */
        BASIC,
        /** A token from {@code signin} with user and password, renewed when it expires or is refused. */
        SIGNIN,
        /** A token given by the caller, used as it is. */
        TOKEN
    }

    private final String url;
    private final String namespace;
    private final String database;
    private final AuthMode authMode;
    private final String user;
    private final String password;
    private final String token;
    private final String trustStorePath;
    private final String trustStorePassword;
    private final String trustStoreType;
    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private final int retryMaxAttempts;
    private final Duration retryInitialBackoff;
    private final Duration retryMaxBackoff;
    private final int maxRequestBytes;

    private SurrealConnectionConfig(Builder b) {
        this.url = b.url;
        this.namespace = b.namespace;
        this.database = b.database;
        this.authMode = b.authMode;
        this.user = b.user;
        this.password = b.password;
        this.token = b.token;
        this.trustStorePath = b.trustStorePath;
        this.trustStorePassword = b.trustStorePassword;
        this.trustStoreType = b.trustStoreType;
        this.connectTimeout = b.connectTimeout;
        this.requestTimeout = b.requestTimeout;
        this.retryMaxAttempts = b.retryMaxAttempts;
        this.retryInitialBackoff = b.retryInitialBackoff;
        this.retryMaxBackoff = b.retryMaxBackoff;
        this.maxRequestBytes = b.maxRequestBytes;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The base URL, e.g. {@code https://db.example:8000}, without {@code /rpc}. */
    public String url() {
        return url;
    }

    public String namespace() {
        return namespace;
    }

    public String database() {
        return database;
    }

    public AuthMode authMode() {
        return authMode;
    }

    public Optional<String> user() {
        return Optional.ofNullable(user);
    }

    Optional<String> password() {
        return Optional.ofNullable(password);
    }

    Optional<String> token() {
        return Optional.ofNullable(token);
    }

    /** The trust store for https, or empty to trust the JVM's default authorities. */
    public Optional<String> trustStorePath() {
        return Optional.ofNullable(trustStorePath);
    }

    Optional<String> trustStorePassword() {
        return Optional.ofNullable(trustStorePassword);
    }

    public String trustStoreType() {
        return trustStoreType;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    public Duration requestTimeout() {
        return requestTimeout;
    }

    /** Attempts of an idempotent call in all, the first included. */
    public int retryMaxAttempts() {
        return retryMaxAttempts;
    }

    public Duration retryInitialBackoff() {
        return retryInitialBackoff;
    }

    public Duration retryMaxBackoff() {
        return retryMaxBackoff;
    }

    public int maxRequestBytes() {
        return maxRequestBytes;
    }

    /** Everything but secrets: passwords and tokens show only whether they are set. */
    @Override
    public String toString() {
        return "SurrealConnectionConfig{url=" + url + ", namespace=" + namespace + ", database=" + database
                + ", authMode=" + authMode + (user == null ? "" : ", user=" + user)
                + (password == null ? "" : ", password=****") + (token == null ? "" : ", token=****")
                + (trustStorePath == null ? "" : ", trustStore=" + trustStorePath + " (" + trustStoreType + ")")
                + ", connectTimeout=" + connectTimeout + ", requestTimeout=" + requestTimeout
                + ", retryMaxAttempts=" + retryMaxAttempts + ", retryBackoff=" + retryInitialBackoff
                + ".." + retryMaxBackoff + ", maxRequestBytes=" + maxRequestBytes + "}";
    }

    /** Builds a {@link SurrealConnectionConfig}; {@link #build()} names the setting to fix. */
    public static final class Builder {
        private String url;
        private String namespace;
        private String database;
        private AuthMode authMode = AuthMode.NONE;
        private String user;
        private String password;
        private String token;
        private String trustStorePath;
        private String trustStorePassword;
        private String trustStoreType = "PKCS12";
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration requestTimeout = Duration.ofSeconds(60);
        private int retryMaxAttempts = 5;
        private Duration retryInitialBackoff = Duration.ofMillis(100);
        private Duration retryMaxBackoff = Duration.ofSeconds(10);
        private int maxRequestBytes = DEFAULT_MAX_REQUEST_BYTES;

        private Builder() {}

        /** {@code http://host:port} or {@code https://host:port}; a trailing {@code /rpc} is dropped. */
        public Builder url(String url) {
            this.url = url;
            return this;
        }

        public Builder namespace(String namespace) {
            this.namespace = namespace;
            return this;
        }

        public Builder database(String database) {
            this.database = database;
            return this;
        }

        /** Sends user and password with every request ({@code Authorization: Basic}). */
        public Builder basicAuth(String user, String password) {
            return credentials(AuthMode.BASIC, user, password, null);
        }

        /** Signs in with user and password and sends the token it gets ({@code Bearer}). */
        public Builder signin(String user, String password) {
            return credentials(AuthMode.SIGNIN, user, password, null);
        }

        /** Sends this token ({@code Bearer}); it cannot be renewed when it expires. */
        public Builder token(String token) {
            return credentials(AuthMode.TOKEN, null, null, token);
        }

        /** A trust store (e.g. PKCS12 or JKS) holding the certificates to trust for https. */
        public Builder trustStore(String path, String password, String type) {
            this.trustStorePath = path;
            this.trustStorePassword = password;
            this.trustStoreType = type;
            return this;
        }

        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
            return this;
        }

        /** The longest wait for a reply to one attempt of a request. */
        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = requestTimeout;
            return this;
        }

        /**
         * Retries of idempotent calls after transport failures and 5xx (and of the client's
         * {@code select}, {@code upsert} and {@code delete} after a transaction conflict): up to
         * {@code maxAttempts} attempts in all, with exponential backoff from {@code initialBackoff}
         * up to {@code maxBackoff} and full jitter.
         */
        public Builder retry(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {
            this.retryMaxAttempts = maxAttempts;
            this.retryInitialBackoff = initialBackoff;
            this.retryMaxBackoff = maxBackoff;
            return this;
        }

        /** The largest request body sent; the server's own limit is 4 MiB by default. */
        public Builder maxRequestBytes(int maxRequestBytes) {
            this.maxRequestBytes = maxRequestBytes;
            return this;
        }

        public SurrealConnectionConfig build() {
            url = checkUrl(url);
            require(namespace, "namespace(...)");
            require(database, "database(...)");
            if (authMode == AuthMode.BASIC || authMode == AuthMode.SIGNIN) {
                String setter = authMode == AuthMode.BASIC ? "basicAuth(user, password)" : "signin(user, password)";
                require(user, setter + " user");
                if (password == null) {
                    throw new IllegalArgumentException(setter + " needs a password");
                }
            }
            if (authMode == AuthMode.TOKEN) {
                require(token, "token(...)");
            }
            checkTrustStore();
            checkPositive(connectTimeout, "connectTimeout(...)");
            checkPositive(requestTimeout, "requestTimeout(...)");
            if (retryMaxAttempts < 1) {
                throw new IllegalArgumentException("retry(maxAttempts, ...) must be at least 1, not " + retryMaxAttempts);
            }
            checkPositive(retryInitialBackoff, "retry(..., initialBackoff, ...)");
            checkPositive(retryMaxBackoff, "retry(..., maxBackoff)");
            if (retryMaxBackoff.compareTo(retryInitialBackoff) < 0) {
                throw new IllegalArgumentException("retry(..., maxBackoff) must not be below initialBackoff");
            }
            if (maxRequestBytes < 1024) {
                throw new IllegalArgumentException("maxRequestBytes(" + maxRequestBytes + ") must be at least 1024");
            }
            return new SurrealConnectionConfig(this);
        }

        private Builder credentials(AuthMode mode, String user, String password, String token) {
            this.authMode = mode;
            this.user = user;
            this.password = password;
            this.token = token;
            return this;
        }

        private void checkTrustStore() {
            if (trustStorePath == null) {
                return;
            }
            require(trustStorePath, "trustStore(path, ...)");
            require(trustStoreType, "trustStore(..., type)");
            if (!url.startsWith("https://")) {
                throw new IllegalArgumentException("trustStore(...) is set but url(" + url + ") is not https");
            }
        }

        private static String checkUrl(String url) {
            require(url, "url(...)");
            URI uri;
            try {
                uri = new URI(url.trim());
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("url(" + url + ") is not a valid URL: " + e.getMessage());
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                throw new IllegalArgumentException("url(" + url + ") must start with http:// or https://");
            }
            if (uri.getHost() == null) {
                throw new IllegalArgumentException("url(" + url + ") has no host");
            }
            String base = url.trim().replaceAll("/+$", "");
            return base.endsWith("/rpc") ? base.substring(0, base.length() - 4) : base;
        }

        private static void require(String value, String setter) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(setter + " must be set and not blank");
            }
        }

        private static void checkPositive(Duration value, String setter) {
            if (value == null || value.isZero() || value.isNegative()) {
                throw new IllegalArgumentException(setter + " must be a positive duration, not " + value);
            }
        }
    }
}
