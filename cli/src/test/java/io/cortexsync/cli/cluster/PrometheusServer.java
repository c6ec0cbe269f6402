package io.cortexsync.cli.cluster;

import io.cortexsync.testkit.net.FreePorts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A real Prometheus server (Debian's {@code prometheus}) on a free loopback port, scraping the
 * given targets every second and evaluating the given rule files; its HTTP API answers queries.
 * {@link #close()} stops it.
 */
final class PrometheusServer implements AutoCloseable {

    static final Path BINARY = Path.of("/usr/bin/prometheus");
    static final Path PROMTOOL = Path.of("/usr/bin/promtool");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final URI api;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private PrometheusServer(Process process, URI api) {
        this.process = process;
        this.api = api;
    }

    /** Whether the Debian package is installed (scripts/test.sh installs it). */
    static boolean installed() {
        return Files.isExecutable(BINARY) && Files.isExecutable(PROMTOOL);
    }

    /** The ports Flink's Prometheus reporter takes on this machine (flink-conf/config.yaml). */
    static List<String> flinkReporterTargets() {
        return IntStream.rangeClosed(9249, 9259).mapToObj(port -> "127.0.0.1:" + port).collect(Collectors.toList());
    }

    static PrometheusServer start(Path dir, List<String> targets, List<Path> ruleFiles) throws Exception {
        int port = FreePorts.distinct(1, Set.of()).get(0);
        Files.createDirectories(dir);
        StringBuilder config = new StringBuilder()
                .append("global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\n")
                .append("rule_files:\n");
        for (Path rules : ruleFiles) {
            config.append("  - '").append(rules.toAbsolutePath()).append("'\n");
        }
        config.append("scrape_configs:\n  - job_name: flink\n    static_configs:\n      - targets:\n");
        for (String target : targets) {
            config.append("          - '").append(target).append("'\n");
        }
        Path configFile = dir.resolve("prometheus.yml");
        Files.writeString(configFile, config.toString());
        Process process = new ProcessBuilder(BINARY.toString(),
                "--config.file=" + configFile,
                "--storage.tsdb.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port,
                "--web.enable-lifecycle")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("prometheus.log").toFile())
                .start();
        PrometheusServer server = new PrometheusServer(process, URI.create("http://127.0.0.1:" + port + "/"));
        try {
            Await.until(Duration.ofSeconds(60), "Prometheus ready on port " + port, () -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("prometheus exited: " + Files.readString(dir.resolve("prometheus.log")));
                }
                return server.status("-/ready");
            }, status -> status == 200);
        } catch (Throwable e) {
            server.close();
            throw e;
        }
        return server;
    }

    /** The result vector of an instant query: one entry per series. */
    List<JsonNode> query(String promql) throws IOException, InterruptedException {
        JsonNode answer = get("api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        List<JsonNode> series = new ArrayList<>();
        answer.path("data").path("result").forEach(series::add);
        return series;
    }

    /** The value of a query that yields one number (a sum, a max); NaN when it yields nothing. */
    double value(String promql) throws IOException, InterruptedException {
        List<JsonNode> series = query(promql);
        return series.isEmpty() ? Double.NaN : Double.parseDouble(series.get(0).path("value").get(1).asText());
    }

    /** Every metric name Prometheus holds. */
    Set<String> metricNames() throws IOException, InterruptedException {
        Set<String> names = new java.util.TreeSet<>();
        get("api/v1/label/__name__/values").path("data").forEach(name -> names.add(name.asText()));
        return names;
    }

    /** The loaded rules, as the rules API lists them. */
    List<JsonNode> rules() throws IOException, InterruptedException {
        List<JsonNode> rules = new ArrayList<>();
        get("api/v1/rules").path("data").path("groups").forEach(group -> group.path("rules").forEach(rules::add));
        return rules;
    }

    /** The scrape targets and their health. */
    JsonNode targets() throws IOException, InterruptedException {
        return get("api/v1/targets");
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(api.resolve(path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("Prometheus answered " + response.statusCode() + " to " + path + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    private int status(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(api.resolve(path)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** Runs promtool with {@code args} in {@code dir}; returns its exit code and output. */
    static String[] promtool(Path dir, String... args) {
        List<String> line = new ArrayList<>(List.of(PROMTOOL.toString()));
        line.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(line).directory(dir.toFile()).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("promtool " + String.join(" ", args) + " did not end in 60 s");
            }
            return new String[] {String.valueOf(process.exitValue()), output};
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
