package io.cortexsync.testkit.surrealdb;

import io.cortexsync.testkit.surrealdb.SurrealTestClient.Format;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** surrealkv on disk keeps the data across a restart; memory does not. */
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
