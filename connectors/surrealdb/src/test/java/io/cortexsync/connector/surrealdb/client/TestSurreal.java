package io.cortexsync.connector.surrealdb.client;

import io.cortexsync.testkit.surrealdb.SurrealEndpoint;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The SurrealDB the integration tests use, and clients for it. */
final class TestSurreal {

    private TestSurreal() {}

    /** A configuration for {@code url} signed in as the endpoint's root user, in namespace {@code ns}. */
    static SurrealConnectionConfig.Builder config(SurrealEndpoint endpoint, String url, String ns) {
        return SurrealConnectionConfig.builder()
                .url(url)
                .namespace(ns)
                .database("main")
                .basicAuth(endpoint.user(), endpoint.password());
    }

    static SurrealConnectionConfig.Builder config(SurrealEndpoint endpoint, String ns) {
        return config(endpoint, endpoint.baseUrl(), ns);
    }

    static String host(SurrealEndpoint endpoint) {
        return URI.create(endpoint.baseUrl()).getHost();
    }

    static int port(SurrealEndpoint endpoint) {
        return URI.create(endpoint.baseUrl()).getPort();
    }

    /** How many records each table of the database holds. */
    static Map<String, Long> countsByTable(SurrealClient client) {
        Map<?, ?> info = (Map<?, ?>) client.query("INFO FOR DB", Map.of()).get(0).result();
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Object table : ((Map<?, ?>) info.get("tables")).keySet()) {
            List<Map<String, Object>> rows = client.query(
                    "SELECT count() FROM type::table($tb) GROUP ALL", Map.of("tb", table)).get(0).records();
            counts.put((String) table, rows.isEmpty() ? 0L : (Long) rows.get(0).get("count"));
        }
        return counts;
    }
}
