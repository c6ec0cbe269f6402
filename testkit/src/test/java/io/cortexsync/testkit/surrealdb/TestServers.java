package io.cortexsync.testkit.surrealdb;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;

/** Starts servers for the tests, with their logs under {@code target/}. */
final class TestServers {

    private TestServers() {}

    static EmbeddedSurrealDb.Builder builder(String name) {
        return EmbeddedSurrealDb.builder().logFile(logFile(name));
    }

    static EmbeddedSurrealDb startInMemory(String name) throws IOException {
        return builder(name).build().start();
    }

    static Path logFile(String name) {
        return Paths.get("target", "surrealdb-" + name + ".log").toAbsolutePath();
    }
}
