package io.cortexsync.testkit.surrealdb;

import io.cortexsync.testkit.NodePackage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The official SurrealDB JavaScript SDK, unchanged, works against the server over HTTP. */
@Timeout(180)
class SurrealJsSdkITCase {

    @Test
    void officialJavaScriptSdkPassesItsChecks() throws Exception {
        try (SurrealEndpoint server = SurrealEndpoint.externalOrEmbedded(
                TestServers.builder("js-sdk").credentials("root", "sdk-pass"))) {
            Path nodeDir = NodePackage.directory();
            Process check = new ProcessBuilder(
                            NodePackage.executable(),
                            nodeDir.resolve("checks").resolve("sdk-check.mjs").toString(),
                            server.rpcUrl(),
                            server.user(),
                            server.password())
                    .directory(nodeDir.toFile())
                    .redirectErrorStream(true)
                    .start();
            check.getOutputStream().close();
            String output = readAll(check.getInputStream());
            boolean exited = check.waitFor(120, TimeUnit.SECONDS);
            if (!exited) {
                check.destroyForcibly();
            }

            assertThat(exited).as("the check finished").isTrue();
            assertThat(check.exitValue()).as(output).isZero();
            assertThat(output).contains(
                    "ok signin returns an access token",
                    "ok use",
                    "ok create",
                    "ok select by id",
                    "ok query with bindings",
                    "ok delete",
                    "ok wrong password is refused",
                    "SDK CHECK PASSED");
        }
    }

    private static String readAll(InputStream in) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }
}
