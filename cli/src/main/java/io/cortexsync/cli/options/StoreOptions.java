package io.cortexsync.cli.options;

import io.cortexsync.cli.InvalidOptionException;
import io.cortexsync.connector.qdrant.QdrantOptions;
import io.cortexsync.connector.qdrant.client.QdrantConnectionConfig;
import io.cortexsync.connector.surrealdb.SurrealOptions;
import io.cortexsync.connector.surrealdb.client.SurrealConnectionConfig;

import org.apache.flink.configuration.Configuration;
import picocli.CommandLine.Option;

import java.net.URI;

/**
 * Where the two stores are and how to log in, shared by every job's command as a picocli mixin.
 * The values become the connectors' own keys ({@code surrealdb.*}, {@code qdrant.*}, see {@link
 * ConfigKeys}), from which the jobs, the preflight and the verification all open their connections.
 */
public final class StoreOptions {

    @Option(names = "--surreal-url", paramLabel = "URL", defaultValue = "http://127.0.0.1:8000", description = "SurrealDB base URL, http://host:8000 or https://... (default: ${DEFAULT-VALUE}).")
    String surrealUrl;

    @Option(names = "--surreal-ns", paramLabel = "NS", description = "SurrealDB namespace (required).")
    String surrealNs;

    @Option(names = "--surreal-db", paramLabel = "DB", description = "SurrealDB database (required).")
    String surrealDb;

    @Option(names = "--surreal-user", paramLabel = "USER", description = "SurrealDB user (Basic authentication); none: anonymous.")
    String surrealUser;

    @Option(names = "--surreal-pass", paramLabel = "PASS", arity = "1", description = "SurrealDB password; never printed.")
    String surrealPass;

    @Option(names = "--qdrant-host", paramLabel = "HOST", defaultValue = "127.0.0.1", description = "Qdrant host (default: ${DEFAULT-VALUE}).")
    String qdrantHost;

    @Option(names = "--qdrant-port", paramLabel = "PORT", defaultValue = "6334", description = "Qdrant gRPC port (default: ${DEFAULT-VALUE}).")
    int qdrantPort;

    @Option(names = "--qdrant-api-key", paramLabel = "KEY", arity = "1", description = "Qdrant API key; never printed.")
    String qdrantApiKey;

    @Option(names = "--qdrant-tls", negatable = true, defaultValue = "false", fallbackValue = "true", description = "Connect to Qdrant over TLS (default: ${DEFAULT-VALUE}).")
    boolean qdrantTls;

    /** Fails with a message naming the option when the stores cannot be reached with these values. */
    public void validate() {
        OptionChecks.require(surrealUrl, "--surreal-url");
        URI url;
        try {
            url = URI.create(surrealUrl);
        } catch (IllegalArgumentException e) {
            throw new InvalidOptionException("--surreal-url", "'" + surrealUrl + "' is not a URL");
        }
        if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme()) || url.getHost() == null) {
            throw new InvalidOptionException("--surreal-url", "'" + surrealUrl + "' is not an http:// or https:// URL");
        }
        OptionChecks.require(surrealNs, "--surreal-ns");
        OptionChecks.require(surrealDb, "--surreal-db");
        if ((surrealUser == null) != (surrealPass == null)) {
            throw new InvalidOptionException(surrealUser == null ? "--surreal-user" : "--surreal-pass",
                    "--surreal-user and --surreal-pass go together");
        }
        OptionChecks.require(qdrantHost, "--qdrant-host");
        if (qdrantPort < 1 || qdrantPort > 65535) {
            throw new InvalidOptionException("--qdrant-port", qdrantPort + " is no TCP port");
        }
    }

    /** Adds the connectors' connection keys to {@code conf}; secrets only under the keys the connectors never log. */
    public void putInto(Configuration conf) {
        conf.set(SurrealOptions.URL, surrealUrl);
        conf.set(SurrealOptions.NAMESPACE, surrealNs);
        conf.set(SurrealOptions.DATABASE, surrealDb);
        if (surrealUser != null) {
            conf.set(SurrealOptions.AUTH_MODE, SurrealOptions.AuthMode.BASIC);
            conf.set(SurrealOptions.USERNAME, surrealUser);
            conf.set(SurrealOptions.PASSWORD, surrealPass);
        } else {
            conf.set(SurrealOptions.AUTH_MODE, SurrealOptions.AuthMode.NONE);
        }
        conf.set(QdrantOptions.HOST, qdrantHost);
        conf.set(QdrantOptions.PORT, qdrantPort);
        if (qdrantApiKey != null) {
            conf.set(QdrantOptions.API_KEY, qdrantApiKey);
        }
        conf.set(QdrantOptions.TLS, qdrantTls);
    }

    public SurrealConnectionConfig surrealConnection() {
        Configuration conf = new Configuration();
        putInto(conf);
        return SurrealOptions.connectionConfig(conf);
    }

    public QdrantConnectionConfig qdrantConnection() {
        Configuration conf = new Configuration();
        putInto(conf);
        return QdrantOptions.connectionConfig(conf);
    }

    public String surrealUrl() {
        return surrealUrl;
    }

    public String surrealNs() {
        return surrealNs;
    }

    public String surrealDb() {
        return surrealDb;
    }

    public String surrealUser() {
        return surrealUser;
    }

    public String qdrantHost() {
        return qdrantHost;
    }

    public int qdrantPort() {
        return qdrantPort;
    }

    public boolean qdrantTls() {
        return qdrantTls;
    }

    /** Where the stores are, without credentials. */
    public String describe(String collection) {
        return surrealUrl + " (" + surrealNs + "/" + surrealDb + ") -> collection " + collection + " at " + qdrantHost + ":" + qdrantPort;
    }
}
