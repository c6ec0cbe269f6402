package io.cortexsync.cli.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.CheckpointingOptions;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.UUID;

/**
 * The part of Flink's REST API (2.x) a client needs to run a job jar on any session cluster, follow
 * it and stop it: upload, run, list, status, accumulators, checkpoints, metrics, exceptions, cancel,
 * stop with a savepoint. Nothing but HTTP and JSON, so it works with every deployment that serves
 * the dashboard's port.
 */
public final class FlinkRestClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Uploading a job jar of ~50 MB and running a main that builds the job graph take longer than a status call. */
    private static final Duration SLOW_CALL_TIMEOUT = Duration.ofMinutes(3);

    private final URI base;
    private final Duration timeout;
    private final HttpClient http;

    /** A client for the JobManager at {@code jobManager} (e.g. {@code http://127.0.0.1:8081}). */
    public FlinkRestClient(URI jobManager, Duration timeout) {
        String text = jobManager.toString().replaceAll("/+$", "");
        this.base = URI.create(text + "/");
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** The timeout of each call. */
    public Duration timeout() {
        return timeout;
    }

    public URI baseUri() {
        return base;
    }

    /** {@code GET /overview}. */
    public ClusterOverview overview() {
        JsonNode o = get("overview");
        return new ClusterOverview(o.path("flink-version").asText(""), o.path("taskmanagers").asInt(),
                o.path("slots-total").asInt(), o.path("slots-available").asInt(), o.path("jobs-running").asInt());
    }

    /** {@code POST /jars/upload}: returns the id under which the cluster keeps the jar. */
    public String uploadJar(Path jar) {
        String boundary = "----cortex-sync-" + UUID.randomUUID();
        byte[] head = ("--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"jarfile\"; filename=\"" + jar.getFileName() + "\"\r\n"
                + "Content-Type: application/x-java-archive\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        HttpRequest.BodyPublisher body;
        try {
            body = HttpRequest.BodyPublishers.concat(
                    HttpRequest.BodyPublishers.ofByteArray(head),
                    HttpRequest.BodyPublishers.ofFile(jar),
                    HttpRequest.BodyPublishers.ofByteArray(tail));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the job jar " + jar, e);
        }
        JsonNode answer = send(request("jars/upload", SLOW_CALL_TIMEOUT)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(body), "upload " + jar.getFileName());
        String uploaded = answer.path("filename").asText("");
        if (uploaded.isEmpty()) {
            throw new FlinkRestException("the cluster did not name the uploaded jar: " + answer, 200, List.of());
        }
        // The id is the file name of the stored jar, without its directory.
        return Path.of(uploaded).getFileName().toString();
    }

    /** {@code POST /jars/<id>/run}: runs the jar's entry class (its main, on the JobManager) and returns the job id. */
    public String runJar(String jarId, JarRunRequest run) {
        ObjectNode body = JSON.createObjectNode();
        body.put("entryClass", run.entryClass());
        body.putArray("programArgsList").addAll(run.programArgs().stream().map(JSON.getNodeFactory()::textNode).toList());
        run.parallelism().ifPresent(p -> body.put("parallelism", p));
        run.savepointPath().ifPresent(path -> {
            body.put("savepointPath", path);
            body.put("allowNonRestoredState", false);
        });
        JsonNode answer = send(request("jars/" + encode(jarId) + "/run", SLOW_CALL_TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())), "run " + run.entryClass());
        String jobId = answer.path("jobid").asText("");
        if (jobId.isEmpty()) {
            throw new FlinkRestException("the cluster started no job: " + answer, 200, List.of());
        }
        return jobId;
    }

    /** {@code DELETE /jars/<id>}. */
    public void deleteJar(String jarId) {
        send(request("jars/" + encode(jarId), timeout).DELETE(), "delete jar " + jarId);
    }

    /** Every job the cluster knows, running or ended, from {@code GET /jobs/overview}. */
    public List<JobSummary> jobs() {
        return JobSummary.listOf(get("jobs/overview"));
    }

    /** {@code GET /jobs/<jid>}. */
    public JobInfo job(String jobId) {
        JsonNode j = get("jobs/" + encode(jobId));
        return new JobInfo(j.path("jid").asText(jobId), j.path("name").asText(""),
                JobStatus.valueOf(j.path("state").asText()), j.path("duration").asLong());
    }

    /** The user accumulators of {@code GET /jobs/<jid>/accumulators}, by name; REST gives every value as text. */
    public Map<String, String> accumulators(String jobId) {
        Map<String, String> values = new LinkedHashMap<>();
        for (JsonNode a : get("jobs/" + encode(jobId) + "/accumulators").path("user-task-accumulators")) {
            values.put(a.path("name").asText(), a.path("value").asText());
        }
        return values;
    }

    /** {@code GET /jobs/<jid>/checkpoints}. */
    public CheckpointStats checkpoints(String jobId) {
        return CheckpointStats.of(get("jobs/" + encode(jobId) + "/checkpoints"));
    }

    /**
     * The global job parameters of the job ({@code user-config} of {@code GET /jobs/<jid>/config}):
     * the only part of a job's own configuration the REST API shows.
     */
    public Map<String, String> jobParameters(String jobId) {
        return parametersOf(get("jobs/" + encode(jobId) + "/config"));
    }

    /** The {@code user-config} of an answer of {@code GET /jobs/<jid>/config}. */
    static Map<String, String> parametersOf(JsonNode config) {
        Map<String, String> parameters = new LinkedHashMap<>();
        config.path("execution-config").path("user-config").fields()
                .forEachRemaining(e -> parameters.put(e.getKey(), e.getValue().asText()));
        return parameters;
    }

    /**
     * The job's own savepoint directory, which cortex-sync jobs publish as a job parameter
     * ({@code execution.checkpointing.savepoint-dir}); empty for a job that does not.
     */
    public Optional<String> savepointDirectory(String jobId) {
        return Optional.ofNullable(jobParameters(jobId).get(CheckpointingOptions.SAVEPOINT_DIRECTORY.key()));
    }

    /**
     * The largest value over the subtasks of every vertex of the job of the metric {@code name} (an
     * operator's metric is listed as {@code <operator>.<name>}); empty when no subtask reports it.
     */
    public OptionalDouble maxOverSubtasks(String jobId, String name) {
        OptionalDouble max = OptionalDouble.empty();
        for (JsonNode vertex : get("jobs/" + encode(jobId)).path("vertices")) {
            String metrics = "jobs/" + encode(jobId) + "/vertices/" + encode(vertex.path("id").asText()) + "/subtasks/metrics";
            List<String> ids = SubtaskMetrics.idsOf(get(metrics), name);
            if (ids.isEmpty()) {
                continue;
            }
            OptionalDouble vertexMax = SubtaskMetrics.max(get(metrics + "?agg=max&get=" + encode(String.join(",", ids))));
            if (vertexMax.isPresent() && (max.isEmpty() || vertexMax.getAsDouble() > max.getAsDouble())) {
                max = vertexMax;
            }
        }
        return max;
    }

    /** The causes of the job's failures and restarts, newest first (first line of each), from {@code GET /jobs/<jid>/exceptions}. */
    public List<String> exceptions(String jobId) {
        List<String> causes = new ArrayList<>();
        for (JsonNode entry : get("jobs/" + encode(jobId) + "/exceptions").path("exceptionHistory").path("entries")) {
            String trace = entry.path("stacktrace").asText(entry.path("exceptionName").asText(""));
            int end = trace.indexOf('\n');
            causes.add(end < 0 ? trace : trace.substring(0, end));
        }
        return causes;
    }

    /** {@code PATCH /jobs/<jid>?mode=cancel}: asks the cluster to cancel; does not wait for it. */
    public void cancel(String jobId) {
        send(request("jobs/" + encode(jobId) + "?mode=cancel", timeout)
                .method("PATCH", HttpRequest.BodyPublishers.noBody()), "cancel " + jobId);
    }

    /**
     * {@code POST /jobs/<jid>/stop}: stops the job with a savepoint in {@code targetDirectory} (the
     * sources end without draining, so an unbounded job resumes where it stopped; watermarks are not
     * advanced to the end of time); returns the trigger id for {@link #savepointLocation}. A {@code
     * null} directory names none: the cluster then uses its own savepoint directory, or refuses the
     * stop when it has none. It never uses the job's own; see {@link #savepointDirectory}.
     */
    public String stopWithSavepoint(String jobId, String targetDirectory) {
        ObjectNode body = JSON.createObjectNode();
        if (targetDirectory != null) {
            body.put("targetDirectory", targetDirectory);
        }
        body.put("drain", false);
        JsonNode answer = send(request("jobs/" + encode(jobId) + "/stop", timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())), "stop " + jobId + " with a savepoint");
        return answer.path("request-id").asText();
    }

    /**
     * {@code GET /jobs/<jid>/savepoints/<trigger>}: the savepoint's path once it is complete, empty
     * while it is in progress; a failed savepoint throws with the cluster's reason.
     */
    public Optional<String> savepointLocation(String jobId, String triggerId) {
        JsonNode answer = get("jobs/" + encode(jobId) + "/savepoints/" + encode(triggerId));
        if (!"COMPLETED".equals(answer.path("status").path("id").asText())) {
            return Optional.empty();
        }
        JsonNode operation = answer.path("operation");
        if (operation.hasNonNull("location")) {
            return Optional.of(operation.get("location").asText());
        }
        String cause = operation.path("failure-cause").path("stack-trace").asText("no savepoint location");
        throw new FlinkRestException("savepoint of " + jobId + " failed: " + rootCause(cause), 200, List.of());
    }

    /** Polls {@link #savepointLocation} until the savepoint is complete; fails after {@code timeout}. */
    public String awaitSavepoint(String jobId, String triggerId, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<String> location = savepointLocation(jobId, triggerId);
            if (location.isPresent()) {
                return location.get();
            }
            if (System.nanoTime() > deadline) {
                throw new FlinkRestException("no savepoint of " + jobId + " within " + timeout.toSeconds() + " s", 0, List.of());
            }
            Thread.sleep(200);
        }
    }

    /**
     * The first line of the innermost cause of a server-side stack trace: a failed savepoint's
     * outer exceptions only say that it failed.
     */
    static String rootCause(String stackTrace) {
        String cause = stackTrace;
        int last = stackTrace.lastIndexOf("\nCaused by: ");
        if (last >= 0) {
            cause = stackTrace.substring(last + "\nCaused by: ".length());
        }
        int end = cause.indexOf('\n');
        return (end < 0 ? cause : cause.substring(0, end)).trim();
    }

    /** Any other GET of the REST API, relative to the base ({@code "jobs/<jid>/vertices/<vid>"}). */
    public JsonNode get(String path) {
        return send(request(path, timeout).GET(), "GET " + path);
    }

    private HttpRequest.Builder request(String path, Duration callTimeout) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(callTimeout).header("Accept", "application/json");
    }

    private JsonNode send(HttpRequest.Builder request, String what) {
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new FlinkRestException("Flink at " + base + ": " + what + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FlinkRestException("Flink at " + base + ": " + what + " interrupted", e);
        }
        JsonNode body = parse(response.body());
        if (response.statusCode() / 100 != 2) {
            List<String> errors = new ArrayList<>();
            body.path("errors").forEach(e -> errors.add(e.asText()));
            throw new FlinkRestException("Flink at " + base + ": " + what + " answered HTTP " + response.statusCode(),
                    response.statusCode(), errors);
        }
        return body;
    }

    private static JsonNode parse(String text) {
        if (text == null || text.isBlank()) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            // Proxies in front of a cluster answer errors in HTML: keep the text for the message.
            ObjectNode node = JSON.createObjectNode();
            node.putArray("errors").add(text.length() > 300 ? text.substring(0, 300) : text);
            return node;
        }
    }

    private static String encode(String pathSegment) {
        return URLEncoder.encode(pathSegment, StandardCharsets.UTF_8);
    }
}
