package io.cortexsync.connector.surrealdb.client;

import io.cortexsync.testkit.surrealdb.EmbeddedSurrealDb;
import io.cortexsync.testkit.surrealdb.SurrealEndpoint;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.net.URI;
import java.nio.file.Paths;

/**
 * The SurrealDB a test class runs against, with a client on the class's namespace, held in a static
 * {@code @RegisterExtension} field: the engine starts before the class's {@code @BeforeAll} methods
 * and closes, with the client, after its {@code @AfterAll} ones, so the classes need no lifecycle code.
 */
public final class SurrealTestEngine implements BeforeAllCallback, AfterAllCallback {

    private final String logName;
    private final String namespace;
    private final boolean onV2;

    private Server server;
    private SurrealClient client;

    private SurrealTestEngine(String logName, String namespace, boolean onV2) {
        this.logName = logName;
        this.namespace = namespace;
        this.onV2 = onV2;
    }

    /** A real server named by {@code -Dcortexsync.it.surrealdb=...}, else the embedded engine. */
    public static SurrealTestEngine start(String logName, String namespace) {
        return new SurrealTestEngine(logName, namespace, false);
    }

    /** Always the embedded SurrealDB 2.x engine, whatever server the other tests use. */
    public static SurrealTestEngine startV2(String logName, String namespace) {
        return new SurrealTestEngine(logName, namespace, true);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        server = onV2 ? Server.of(EmbeddedSurrealDb.builder()
                .engineMajorVersion(2)
                .logFile(Paths.get("target", "surrealdb-" + logName + ".log").toAbsolutePath())
                .build()
                .start())
                : Server.of(endpoint(logName));
    }

    /** A real server named by {@code -Dcortexsync.it.surrealdb=...}, else the embedded engine logging to {@code target}. */
    public static SurrealEndpoint endpoint(String logName) {
        return SurrealEndpoint.externalOrEmbedded(EmbeddedSurrealDb.builder()
                .logFile(Paths.get("target", "surrealdb-" + logName + ".log").toAbsolutePath()));
    }

    @Override
    public synchronized void afterAll(ExtensionContext context) throws Exception {
        if (client != null) {
            client.close();
            client = null;
        }
        if (server != null) {
            server.stop().close();
            server = null;
        }
    }

    /** The client on {@link #namespace()}, created on first use. */
    public synchronized SurrealClient client() {
        if (client == null) {
            client = SurrealClient.create(config().build());
        }
        return client;
    }

    public String namespace() {
        return namespace;
    }

    public String baseUrl() {
        return server.baseUrl();
    }

    public String host() {
        return URI.create(server.baseUrl()).getHost();
    }

    public int port() {
        return URI.create(server.baseUrl()).getPort();
    }

    /** The root user's name. */
    public String user() {
        return server.user();
    }

    /** The root user's password. */
    public String password() {
        return server.password();
    }

    /** A configuration signed in as the root user, in {@link #namespace()}. */
    public SurrealConnectionConfig.Builder config() {
        return config(namespace);
    }

    /** A configuration signed in as the root user, in namespace {@code ns}. */
    public SurrealConnectionConfig.Builder config(String ns) {
        return config(server.baseUrl(), ns);
    }

    /** A configuration for {@code url}, a proxy in front of the engine say, signed in as the root user. */
    public SurrealConnectionConfig.Builder config(String url, String ns) {
        return SurrealConnectionConfig.builder()
                .url(url)
                .namespace(ns)
                .database("main")
                .basicAuth(server.user(), server.password());
    }

    private record Server(String baseUrl, String user, String password, AutoCloseable stop) {

        static Server of(SurrealEndpoint endpoint) {
            return new Server(endpoint.baseUrl(), endpoint.user(), endpoint.password(), endpoint);
        }

        static Server of(EmbeddedSurrealDb embedded) {
            return new Server(embedded.baseUrl(), embedded.user().orElseThrow(), embedded.password().orElseThrow(),
                    embedded);
        }
    }
}
