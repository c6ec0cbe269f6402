package io.cortexsync.testkit.qdrant;

import io.cortexsync.testkit.StoreEndpoint;

import java.util.Optional;

/**
 * Where a test finds Qdrant's gRPC API: a real Qdrant named by {@code -Dcortexsync.it.qdrant=host:port}
 * (with {@code -Dcortexsync.it.qdrant.api-key} when it requires one), otherwise a {@link
 * QdrantTestServer} started for the test. The same test thus checks the stand-in against the real
 * server wherever one can run.
 */
public final class QdrantEndpoint extends StoreEndpoint {

    public static final String ADDRESS_PROPERTY = "cortexsync.it.qdrant";
    public static final String API_KEY_PROPERTY = "cortexsync.it.qdrant.api-key";

    private final String host;
    private final int port;
    private final String apiKey;

    private QdrantEndpoint(String host, int port, String apiKey, QdrantTestServer embedded) {
        super((embedded == null ? "qdrant " : "qdrant test server ") + host + ":" + port,
                embedded == null ? null : embedded::close);
        this.host = host;
        this.port = port;
        this.apiKey = apiKey;
    }

    /** The real Qdrant named by the system properties, or a test server started now. */
    public static QdrantEndpoint externalOrEmbedded() {
        String address = externalAddress(ADDRESS_PROPERTY);
        if (address.isEmpty()) {
            QdrantTestServer server = QdrantTestServer.builder().port(0).build().start();
            return new QdrantEndpoint(server.host(), server.port(), null, server);
        }
        int colon = address.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException(
                    ADDRESS_PROPERTY + " must be host:port (the gRPC port, 6334 by default), got: " + address);
        }
        String key = System.getProperty(API_KEY_PROPERTY);
        return new QdrantEndpoint(
                address.substring(0, colon),
                Integer.parseInt(address.substring(colon + 1)),
                key == null || key.isBlank() ? null : key,
                null);
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
}
