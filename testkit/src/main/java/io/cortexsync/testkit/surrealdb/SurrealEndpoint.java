package io.cortexsync.testkit.surrealdb;

import io.cortexsync.testkit.StoreEndpoint;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Where a test finds SurrealDB's HTTP endpoints: a real server named by {@code
 * -Dcortexsync.it.surrealdb=http://host:8000} (root credentials from {@code
 * -Dcortexsync.it.surrealdb.user} and {@code .pass}, default root/root), otherwise an {@link
 * EmbeddedSurrealDb} started for the test. The same test thus checks the embedded server against
 * {@code surreal start} wherever one can run.
 */
public final class SurrealEndpoint extends StoreEndpoint {

    public static final String ADDRESS_PROPERTY = "cortexsync.it.surrealdb";
    public static final String USER_PROPERTY = "cortexsync.it.surrealdb.user";
    public static final String PASS_PROPERTY = "cortexsync.it.surrealdb.pass";

    private final String baseUrl;
    private final String user;
    private final String password;

    private SurrealEndpoint(String baseUrl, String user, String password, EmbeddedSurrealDb embedded) {
        super((embedded == null ? "surrealdb " : "embedded surrealdb ") + withoutTrailingSlash(baseUrl),
                embedded == null ? null : embedded::close);
        this.baseUrl = withoutTrailingSlash(baseUrl);
        this.user = user;
        this.password = password;
    }

    private static String withoutTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /**
     * The real server named by the system properties, or {@code embedded} started now. The embedded
     * server must have root credentials: tests sign in with them.
     */
    public static SurrealEndpoint externalOrEmbedded(EmbeddedSurrealDb.Builder embedded) {
        String address = externalAddress(ADDRESS_PROPERTY);
        if (!address.isEmpty()) {
            if (!address.startsWith("http://") && !address.startsWith("https://")) {
                throw new IllegalArgumentException(
                        ADDRESS_PROPERTY + " must be an http(s) URL such as http://127.0.0.1:8000, got: " + address);
            }
            return new SurrealEndpoint(
                    address, System.getProperty(USER_PROPERTY, "root"), System.getProperty(PASS_PROPERTY, "root"), null);
        }
        EmbeddedSurrealDb server = embedded.build();
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded SurrealDB", e);
        }
        return new SurrealEndpoint(
                server.baseUrl(),
                server.user().orElseThrow(() -> new IllegalArgumentException("the embedded server needs credentials")),
                server.password().orElseThrow(),
                server);
    }

    /** {@code http://host:port}, without a trailing slash. */
    public String baseUrl() {
        return baseUrl;
    }

    public String rpcUrl() {
        return baseUrl + "/rpc";
    }

    /** The root user's name. */
    public String user() {
        return user;
    }

    /** The root user's password. */
    public String password() {
        return password;
    }
}
