package io.cortexsync.connector.qdrant.client;

import org.apache.flink.annotation.PublicEvolving;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where and how to reach Qdrant's gRPC API (port 6334 by default): host, port, API key, TLS and
 * timeouts. Serializable so that a source or sink carries it to the task managers; {@link
 * #toString()} never shows the API key.
 */
@PublicEvolving
public final class QdrantConnectionConfig implements Serializable {

    private static final long serialVersionUID = 1L;

    public static final int DEFAULT_PORT = 6334;

    private final String host;
    private final int port;
    private final String apiKey;
    private final boolean tls;
    private final String trustCertificatePath;
    private final Duration requestTimeout;
    private final Duration connectTimeout;
    private final int maxInboundMessageBytes;

    private QdrantConnectionConfig(Builder b) {
        this.host = b.host;
        this.port = b.port;
        this.apiKey = b.apiKey;
        this.tls = b.tls;
        this.trustCertificatePath = b.trustCertificatePath;
        this.requestTimeout = b.requestTimeout;
        this.connectTimeout = b.connectTimeout;
        this.maxInboundMessageBytes = b.maxInboundMessageBytes;
    }

    public static Builder builder() {
        return new Builder();
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public Optional<String> apiKey() {
        return Optional.ofNullable(apiKey);
    }

    public boolean tls() {
        return tls;
    }

    /** A PEM file of CA certificates to trust instead of the JVM's defaults (TLS only). */
    public Optional<String> trustCertificatePath() {
        return Optional.ofNullable(trustCertificatePath);
    }

    /** Deadline of each call. */
    public Duration requestTimeout() {
        return requestTimeout;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** Largest reply accepted; scroll pages of 768-dim vectors pass gRPC's 4 MiB default easily. */
    public int maxInboundMessageBytes() {
        return maxInboundMessageBytes;
    }

    @Override
    public String toString() {
        return (tls ? "https://" : "http://")
                + host
                + ":"
                + port
                + (apiKey != null ? " (api key set)" : "")
                + ", timeout "
                + requestTimeout;
    }

    /** Builder; host is required, everything else has Qdrant's usual defaults. */
    public static final class Builder {
        private String host;
        private int port = DEFAULT_PORT;
        private String apiKey;
        private boolean tls;
        private String trustCertificatePath;
        private Duration requestTimeout = Duration.ofSeconds(30);
        private Duration connectTimeout = Duration.ofSeconds(10);
        private int maxInboundMessageBytes = 64 * 1024 * 1024;

        private Builder() {}

        public Builder host(String host) {
            this.host = host;
            return this;
        }

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder apiKey(String apiKey) {
            this.apiKey = apiKey == null || apiKey.isEmpty() ? null : apiKey;
            return this;
        }

        public Builder tls(boolean tls) {
            this.tls = tls;
            return this;
        }

        public Builder trustCertificatePath(String path) {
            this.trustCertificatePath = path == null || path.isEmpty() ? null : path;
            return this;
        }

        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = timeout;
            return this;
        }

        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = timeout;
            return this;
        }

        public Builder maxInboundMessageBytes(int bytes) {
            this.maxInboundMessageBytes = bytes;
            return this;
        }

        public QdrantConnectionConfig build() {
            if (host == null || host.isBlank()) {
                throw new IllegalArgumentException("qdrant.host must be set");
            }
            if (port <= 0 || port > 65535) {
                throw new IllegalArgumentException("qdrant.port must be 1..65535, got " + port);
            }
            Objects.requireNonNull(requestTimeout, "qdrant.request-timeout");
            Objects.requireNonNull(connectTimeout, "qdrant.connect-timeout");
            if (requestTimeout.isNegative() || requestTimeout.isZero()) {
                throw new IllegalArgumentException("qdrant.request-timeout must be positive, got " + requestTimeout);
            }
            if (trustCertificatePath != null && !tls) {
                throw new IllegalArgumentException("qdrant.tls.trust-certificate is set but qdrant.tls is false");
            }
            if (maxInboundMessageBytes <= 0) {
                throw new IllegalArgumentException(
                        "qdrant.max-inbound-message-bytes must be positive, got " + maxInboundMessageBytes);
            }
            return new QdrantConnectionConfig(this);
        }
    }
}
