package io.cortexsync.testkit;

import io.qdrant.client.QdrantClient;
import io.qdrant.client.QdrantGrpcClient;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code cortex-sync embedded} as a user runs it: its own JVM, the three stores reachable at the
 * printed endpoints, and a clean stop of all three on SIGTERM (what Ctrl-C and {@code kill} send).
 */
@Timeout(180)
class EmbeddedCommandITCase {

    private static final Pattern SURREAL = Pattern.compile("^surrealdb\\s+(http://127\\.0\\.0\\.1:\\d+)\\s");
    private static final Pattern QDRANT = Pattern.compile("^qdrant\\s+grpc 127\\.0\\.0\\.1:(\\d+)");
    private static final Pattern KAFKA = Pattern.compile("^kafka\\s+(127\\.0\\.0\\.1:\\d+)");

    @Test
    void servesTheThreeStoresUntilInterruptedThenStopsThemAll(@TempDir Path dataDir) throws Exception {
        Process embedded = startCommand(
                "--surreal-port", "0", "--qdrant-port", "0", "--kafka-port", "0",
                "--data-dir", dataDir.toString(), "--surreal-user", "admin", "--surreal-pass", "pw");
        try {
            BufferedReader out = new BufferedReader(
                    new InputStreamReader(embedded.getInputStream(), StandardCharsets.UTF_8));
            List<String> printed = readUntil(out, EmbeddedCommand.READY_LINE);
            String surrealUrl = find(printed, SURREAL);
            int qdrantPort = Integer.parseInt(find(printed, QDRANT));
            String kafka = find(printed, KAFKA);

            assertSurrealAnswersAsRoot(surrealUrl, "admin", "pw");
            try (QdrantClient qdrant = new QdrantClient(
                    QdrantGrpcClient.newBuilder("127.0.0.1", qdrantPort, false).build())) {
                assertThat(qdrant.healthCheckAsync().get(20, TimeUnit.SECONDS).getTitle()).isNotBlank();
            }
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka))) {
                assertThat(admin.describeCluster().nodes().get(20, TimeUnit.SECONDS)).hasSize(1);
            }

            // SIGTERM through the handle: Process.destroy() would also close our end of its output.
            embedded.toHandle().destroy();
            List<String> rest = readUntil(out, "cortex-sync embedded: stopped");
            assertThat(rest).contains("cortex-sync embedded: stopping");
            assertThat(embedded.waitFor(60, TimeUnit.SECONDS)).as("the JVM exited").isTrue();
            // The data directory was kept for the next run, with both stores' data in it.
            assertThat(dataDir.resolve("surrealdb")).isDirectory();
            assertThat(dataDir.resolve("kafka")).isDirectory();
        } finally {
            embedded.destroyForcibly();
        }
    }

    private static Process startCommand(String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("-D" + NodePackage.DIR_PROPERTY + "=" + NodePackage.directory());
        command.add(EmbeddedCommand.class.getName());
        command.addAll(List.of(args));
        return new ProcessBuilder(command)
                .redirectError(Files.createTempFile("embedded-command-", ".log").toFile())
                .start();
    }

    /** The lines printed up to and including {@code last}; fails when the output ends first. */
    private static List<String> readUntil(BufferedReader out, String last) throws Exception {
        List<String> lines = new ArrayList<>();
        for (String line; (line = out.readLine()) != null; ) {
            lines.add(line);
            if (line.equals(last)) {
                return lines;
            }
        }
        throw new AssertionError("output ended before '" + last + "': " + lines);
    }

    private static String find(List<String> lines, Pattern pattern) {
        for (String line : lines) {
            Matcher m = pattern.matcher(line);
            if (m.find()) {
                return m.group(1);
            }
        }
        throw new AssertionError("no line matches " + pattern + " in " + lines);
    }

    private static void assertSurrealAnswersAsRoot(String baseUrl, String user, String pass) throws Exception {
        String basic = Base64.getEncoder().encodeToString((user + ":" + pass).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> reply = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                HttpRequest.newBuilder(URI.create(baseUrl + "/rpc"))
                        .timeout(Duration.ofSeconds(20))
                        .header("Content-Type", "application/json")
                        .header("Accept", "application/json")
                        .header("Authorization", "Basic " + basic)
                        .POST(HttpRequest.BodyPublishers.ofString("{\"method\":\"query\",\"params\":[\"RETURN 1 + 1\"]}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(reply.statusCode()).isEqualTo(200);
        assertThat(reply.body()).contains("\"status\":\"OK\"").contains("\"result\":2");
    }
}
