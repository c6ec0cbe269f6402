package io.cortexsync.connector.surrealdb;

import io.cortexsync.connector.surrealdb.client.SurrealConnectionConfig;

import org.apache.flink.configuration.Configuration;

/** A connection, and connection options, for the tests that build sources and sinks without ever connecting. */
public final class OfflineConnection {

    /** A local engine's address, namespace {@code ns}, database {@code db}, user root. */
    public static final SurrealConnectionConfig CONFIG = SurrealConnectionConfig.builder()
            .url("http://127.0.0.1:8000").namespace("ns").database("db").basicAuth("root", "secret").build();

    private OfflineConnection() {}

    /** The connection options for {@code url}, {@code namespace} and {@code database}, user root. */
    public static Configuration options(String url, String namespace, String database, String password) {
        Configuration options = new Configuration();
        options.set(SurrealOptions.URL, url);
        options.set(SurrealOptions.NAMESPACE, namespace);
        options.set(SurrealOptions.DATABASE, database);
        options.set(SurrealOptions.USERNAME, "root");
        options.set(SurrealOptions.PASSWORD, password);
        return options;
    }
}
