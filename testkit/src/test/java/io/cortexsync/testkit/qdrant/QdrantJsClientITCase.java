package io.cortexsync.testkit.qdrant;

import io.cortexsync.testkit.NodePackage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A second, independent client: the official {@code @qdrant/js-client-grpc} (over connect-node's
 * HTTP/2) runs {@code checks/qdrant-js-check.mjs} against the test server, or against the real
 * Qdrant named by {@link QdrantEndpoint}.
 */
@Timeout(120)
class QdrantJsClientITCase {

    private static final String SCRIPT = "checks/qdrant-js-check.mjs";

    @Test
    void officialJsClientPassesItsChecks() throws Exception {
        Path nodeDir = NodePackage.directory();
        assertThat(nodeDir.resolve("node_modules/@qdrant/js-client-grpc"))
                .as("run `npm ci` in %s first", nodeDir)
                .isDirectory();
        try (QdrantEndpoint server = QdrantEndpoint.externalOrEmbedded()) {
            Process node = new ProcessBuilder(
                            NodePackage.executable(), SCRIPT, server.host(), Integer.toString(server.port()))
                    .directory(nodeDir.toFile())
                    .redirectErrorStream(true)
                    .start();
            boolean finished = node.waitFor(90, TimeUnit.SECONDS);
            if (!finished) {
                node.destroyForcibly();
            }
            String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(finished).as("node finished in time; output:%n%s", output).isTrue();
            assertThat(node.exitValue()).as("node exit code; output:%n%s", output).isZero();
            assertThat(output).contains("all checks passed");
        }
    }
}
