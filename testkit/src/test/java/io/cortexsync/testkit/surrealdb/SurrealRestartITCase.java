package io.cortexsync.testkit.surrealdb;

import io.cortexsync.testkit.surrealdb.SurrealTestClient.Format;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** surrealkv on disk keeps the data across a restart, all of it; memory does not. */
@Timeout(180)
class SurrealRestartITCase {

    @Test
    void surrealkvKeepsDataAcrossRestart(@TempDir Path dir) throws Exception {
        Path dataDir = dir.resolve("store");
        try (EmbeddedSurrealDb server = TestServers.builder("restart-disk").dataDir(dataDir).build().start()) {
            SurrealTestClient client = SurrealTestClient.connect(server).withNamespace("disk", "main");
            for (int i = 0; i < 50; i++) {
                client.rpc(Format.CBOR, "create", CborTree.recordId("item", i), Map.of("n", i, "text", "value " + i)).result();
            }
            int port = server.port();

            server.restart();

            assertThat(server.port()).isEqualTo(port);
            assertThat(Files.isDirectory(dataDir)).isTrue();
            JsonNode count = client.query("SELECT count() FROM item GROUP ALL", null).result().get(0).get("result");
            assertThat(count.get(0).get("count").asInt()).isEqualTo(50);
            JsonNode item = client.rpc(Format.JSON, "select", "item:42").result();
            assertThat(item.get("text").asText()).isEqualTo("value 42");
            // The root user was stored too, so it still signs in after the restart.
            assertThat(client.rpc(Format.JSON, "signin", Map.of("user", "root", "pass", "root")).result().asText()).contains(".");
        }
    }

    /**
     * A store larger than the engine's memory table: the close must write the last one to disk
     * before the process ends. Without waiting for it, a restart found a block of recent commits
     * missing (3,992 or 7,992 of 4,000 or 8,000 such records, every time).
     */
    @Test
    void surrealkvKeepsEveryCommitOfALargeStoreAcrossRestart(@TempDir Path dir) throws Exception {
        int records = 4_000;
        int perInsert = 50;
        String pad = "x".repeat(50_000); // 200 MB in all: well past one memory table
        try (EmbeddedSurrealDb server = TestServers.builder("restart-large").dataDir(dir.resolve("store")).build().start()) {
            SurrealTestClient client = SurrealTestClient.connect(server).withNamespace("disk", "main");
            for (int first = 0; first < records; first += perInsert) {
                List<Map<String, Object>> rows = new ArrayList<>();
                for (int n = first; n < first + perInsert; n++) {
                    rows.add(Map.of("n", n, "pad", pad));
                }
                assertThat(client.query("INSERT INTO big $rows RETURN NONE", Map.of("rows", rows)).result().get(0).get("status").asText())
                        .isEqualTo("OK");
            }
            assertThat(countOf(client, "big")).as("before the restart").isEqualTo(records);

            server.restart();

            assertThat(countOf(client, "big")).as("after the restart").isEqualTo(records);
            JsonNode whole = client.query("SELECT count() FROM big WHERE string::len(pad) = $length GROUP ALL",
                    Map.of("length", pad.length())).result().get(0).get("result");
            assertThat(whole.get(0).get("count").asInt()).as("records with their whole value").isEqualTo(records);
        }
    }

    private static int countOf(SurrealTestClient client, String table) throws Exception {
        JsonNode count = client.query("SELECT count() FROM type::table($table) GROUP ALL", Map.of("table", table))
                .result().get(0).get("result");
        return count.isEmpty() ? 0 : count.get(0).get("count").asInt();
    }

    @Test
    void memoryStartsEmptyAfterRestart() throws Exception {
        try (EmbeddedSurrealDb server = TestServers.startInMemory("restart-memory")) {
            SurrealTestClient client = SurrealTestClient.connect(server).withNamespace("mem", "main");
            client.rpc(Format.JSON, "create", "item:1", Map.of("n", 1)).result();

            server.restart();

            assertThat(client.query("SELECT * FROM item", null).result().get(0).get("result")).isEmpty();
        }
    }
}
