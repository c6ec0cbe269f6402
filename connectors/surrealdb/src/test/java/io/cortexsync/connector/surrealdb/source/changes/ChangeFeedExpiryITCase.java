package io.cortexsync.connector.surrealdb.source.changes;

import io.cortexsync.connector.surrealdb.client.SurrealClient;
import io.cortexsync.connector.surrealdb.client.SurrealRecordId;
import io.cortexsync.connector.surrealdb.client.SurrealTestEngine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whether the engine the tests run on expires change-feed entries past a table's retention. The
 * embedded SurrealDB 3 engine does not: it runs no change-feed garbage collection and has no
 * option to start one, so the source's handling of an expired position is tested with a shifted
 * clock (the retention read from the table, the position's time from its versionstamp), not with
 * a real expiry. This test fails the day an engine starts expiring entries: then the real expiry
 * can be tested, and should be.
 */
@Timeout(120)
class ChangeFeedExpiryITCase {

    private static final long RETENTION_SECONDS = 1;
    private static final long WAIT_MILLIS = 4_000;

    @RegisterExtension
    static final SurrealTestEngine V3 = SurrealTestEngine.start("changefeed-expiry", "expiry");

    @Test
    void theEmbeddedEngineKeepsEntriesPastTheTablesRetention() throws Exception {
        SurrealClient client = V3.client();
        client.query("DEFINE TABLE IF NOT EXISTS brief SCHEMALESS CHANGEFEED " + RETENTION_SECONDS + "s", Map.of());
        for (long i = 0; i < 5; i++) {
            client.query("CREATE $id SET n = $n", Map.of("id", SurrealRecordId.of("brief", i), "n", i));
        }
        Thread.sleep(WAIT_MILLIS);
        // a later commit, as would drive any expiry that runs on writes
        client.query("CREATE $id SET n = 5", Map.of("id", SurrealRecordId.of("brief", 5L)));
        List<Object> entries = client.query("SHOW CHANGES FOR TABLE brief SINCE 0 LIMIT 100", Map.of()).get(0).resultList();
        // the table's definition is an entry of its own; the creates are the rest
        List<Object> creates = entries.stream().filter(entry -> !entry.toString().contains("define_table")).toList();
        System.out.printf("change feed of %d s retention, %d ms later: %d entries of 6 creates (and the definition)%n",
                RETENTION_SECONDS, WAIT_MILLIS, creates.size());
        assertThat(creates)
                .as("entries %d ms past a %d s retention: an engine that expires them makes the real-expiry test possible",
                        WAIT_MILLIS, RETENTION_SECONDS)
                .hasSize(6);
    }
}
