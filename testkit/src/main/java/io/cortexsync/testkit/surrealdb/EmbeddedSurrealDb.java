package io.cortexsync.testkit.surrealdb;

import io.cortexsync.testkit.NodePackage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real SurrealDB 3.0.2 engine (or 2.6.0, see {@link Builder#engineMajorVersion}) behind the
 * HTTP endpoints of {@code surreal start}, run by {@code surreal-server.mjs} in a Node child
 * process on a loopback port.
 *
 * <p>The child's stderr (the engine's output) goes to {@link #logFile()}. The child also stops
 * when its stdin closes, so it does not outlive this JVM even when the JVM is killed.
 */
public final class EmbeddedSurrealDb implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedSurrealDb.class);
    private static final Pattern READY = Pattern.compile("READY port=(\\d+)");
    private static final String LOOPBACK = "127.0.0.1";
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);

    private final int requestedPort;
    private final Path dataDir;
    private final String user;
    private final String password;
    private final Duration startTimeout;
    private final Path logFile;
    private final int engineMajorVersion;

    private Process process;
    private Thread shutdownHook;
    private int port = -1;

    private EmbeddedSurrealDb(Builder builder) {
        this.requestedPort = builder.port;
        this.dataDir = builder.dataDir == null ? null : builder.dataDir.toAbsolutePath().normalize();
        this.user = builder.user;
        this.password = builder.password;
        this.startTimeout = builder.startTimeout;
        this.logFile = builder.logFile;
        this.engineMajorVersion = builder.engineMajorVersion;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts the server and waits until {@code /health} answers; returns {@code this}. */
    public synchronized EmbeddedSurrealDb start() throws IOException {
        if (process != null) {
            throw new IllegalStateException("SurrealDB is already running on port " + port);
        }
        launch(requestedPort);
        return this;
    }

    /** Stops the server and starts it again on the same port and data directory. */
    public synchronized void restart() throws IOException {
        if (port < 0) {
            throw new IllegalStateException("SurrealDB was never started");
        }
        int samePort = port;
        stop();
        launch(samePort);
    }

    /** Starts a stopped server again on the port and data directory it had: an outage of a test's choosing. */
    public synchronized void startAgain() throws IOException {
        if (port < 0) {
            throw new IllegalStateException("SurrealDB was never started");
        }
        if (process != null) {
            throw new IllegalStateException("SurrealDB is running on port " + port);
        }
        launch(port);
    }

    /** Sends SIGTERM (the engine then flushes its store), waits, and kills the process if it lingers. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        Process stopping = process;
        process = null;
        terminate(stopping, STOP_TIMEOUT);
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException jvmShuttingDown) {
            // the hook runs anyway and finds the process gone
        }
        shutdownHook = null;
    }

    @Override
    public void close() {
        stop();
    }

    /** The port it listens on (the one picked when started with port 0). */
    public synchronized int port() {
        if (port < 0) {
            throw new IllegalStateException("SurrealDB was never started");
        }
        return port;
    }

    public String baseUrl() {
        return "http://" + LOOPBACK + ":" + port();
    }

    public String rpcUrl() {
        return baseUrl() + "/rpc";
    }

    /** Where the child's stderr goes; kept after stop for post-mortems. */
    public Path logFile() {
        return logFile;
    }

    /** The surrealkv directory, or empty for an in-memory store. */
    public Optional<Path> dataDir() {
        return Optional.ofNullable(dataDir);
    }

    /** The root user, or empty when started without one. */
    public Optional<String> user() {
        return Optional.ofNullable(user);
    }

    public Optional<String> password() {
        return Optional.ofNullable(password);
    }

    /** 3 for SurrealDB 3.0.2, 2 for SurrealDB 2.6.0. */
    public int engineMajorVersion() {
        return engineMajorVersion;
    }

    /** The engine's process while it runs: benchmarks read its CPU time from it. */
    public synchronized Optional<ProcessHandle> processHandle() {
        return isRunning() ? Optional.of(process.toHandle()) : Optional.empty();
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    private void launch(int portToUse) throws IOException {
        Path nodeDir = NodePackage.directory();
        List<String> command = new ArrayList<>(List.of(
                NodePackage.executable(),
                nodeDir.resolve("surreal-server.mjs").toString(),
                "--port", Integer.toString(portToUse),
                "--bind", LOOPBACK,
                "--path", dataDir == null ? "memory" : "surrealkv://" + dataDir,
                "--engine", "v" + engineMajorVersion,
                "--exit-with-stdin"));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(nodeDir.toFile())
                .redirectError(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        // Through the environment, so the password is not on a command line.
        builder.environment().remove("SURREAL_USER");
        builder.environment().remove("SURREAL_PASS");
        if (user != null) {
            builder.environment().put("SURREAL_USER", user);
            builder.environment().put("SURREAL_PASS", password);
        }
        long deadline = System.nanoTime() + startTimeout.toNanos();
        Process started = builder.start();
        process = started;
        shutdownHook = new Thread(() -> terminate(started, Duration.ofSeconds(3)), "surrealdb-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        try {
            port = awaitReadyLine(started, deadline);
            awaitHealthy(deadline);
            LOG.info("SurrealDB listening on {} ({}), log {}", baseUrl(), dataDir == null ? "memory" : dataDir, logFile);
        } catch (IOException | RuntimeException e) {
            stop();
            throw new IOException("SurrealDB did not start: " + e.getMessage() + "\n--- " + logFile + " ---\n" + logTail(), e);
        }
    }

    /** Reads stdout for the ready line; the reader thread keeps draining stdout afterwards. */
    private static int awaitReadyLine(Process started, long deadline) throws IOException {
        CompletableFuture<Integer> ready = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(started.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    Matcher matcher = READY.matcher(line);
                    if (matcher.matches()) {
                        ready.complete(Integer.parseInt(matcher.group(1)));
                    }
                }
            } catch (IOException e) {
                ready.completeExceptionally(e);
            }
            ready.completeExceptionally(new IOException("the server exited before it was ready"));
        }, "surrealdb-stdout");
        reader.setDaemon(true);
        reader.start();
        try {
            return ready.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new IOException("no ready line before the deadline");
        } catch (ExecutionException e) {
            throw new IOException(e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the server", e);
        }
    }

    private void awaitHealthy(long deadline) throws IOException {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create(baseUrl() + "/health"))
                .timeout(Duration.ofSeconds(5))
                .GET()
                .build();
        IOException last = null;
        long pauseMillis = 20;
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<Void> response = client.send(health, HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
                last = new IOException("/health answered " + response.statusCode());
            } catch (IOException e) {
                last = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for the server", e);
            }
            if (!process.isAlive()) {
                throw new IOException("the server exited with code " + process.exitValue());
            }
            sleepQuietly(pauseMillis);
            pauseMillis = Math.min(pauseMillis * 2, 250);
        }
        throw new IOException("/health did not answer 200 before the deadline", last);
    }

    private static void terminate(Process target, Duration timeout) {
        if (!target.isAlive()) {
            return;
        }
        target.destroy();
        try {
            if (!target.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("SurrealDB did not stop within {}; killing it", timeout);
                target.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            target.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Settings for an {@link EmbeddedSurrealDb}; defaults: free port, in memory, root user root/root. */
    public static final class Builder {
        private int port = 0;
        private Path dataDir;
        private String user = "root";
        private String password = "root";
        private Duration startTimeout = Duration.ofSeconds(60);
        private Path logFile;
        private int engineMajorVersion = 3;

        private Builder() {}

        /** The port; 0 picks a free one. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** A surrealkv directory that keeps the data across restarts, or {@code null} for memory. */
        public Builder dataDir(Path dataDir) {
            this.dataDir = dataDir;
            return this;
        }

        /** The root user created at first start; {@code null}s for a server without users. */
        public Builder credentials(String user, String password) {
            this.user = user;
            this.password = password;
            return this;
        }

        public Builder startTimeout(Duration startTimeout) {
            this.startTimeout = startTimeout;
            return this;
        }

        /** Where the child's stderr goes; a new temporary file by default. */
        public Builder logFile(Path logFile) {
            this.logFile = logFile;
            return this;
        }

        /**
         * 3 (the default) for SurrealDB 3.0.2; 2 for SurrealDB 2.6.0, which runs in memory only
         * (its WebAssembly build) and serves callers with different credentials or namespaces in turns.
         */
        public Builder engineMajorVersion(int engineMajorVersion) {
            this.engineMajorVersion = engineMajorVersion;
            return this;
        }

        public EmbeddedSurrealDb build() {
            if (engineMajorVersion != 2 && engineMajorVersion != 3) {
                throw new IllegalArgumentException("engineMajorVersion(" + engineMajorVersion + ") must be 2 or 3");
            }
            if (engineMajorVersion == 2 && dataDir != null) {
                throw new IllegalArgumentException("the SurrealDB 2 engine runs in memory only; no dataDir(...)");
            }
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port(" + port + ") must be between 0 and 65535");
            }
            if ((user == null) != (password == null)) {
                throw new IllegalArgumentException("credentials(user, password) needs both or neither");
            }
            if (startTimeout == null || startTimeout.isNegative() || startTimeout.isZero()) {
                throw new IllegalArgumentException("startTimeout(" + startTimeout + ") must be positive");
            }
            if (logFile == null) {
                try {
                    logFile = Files.createTempFile("surrealdb-", ".log");
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot create a log file; set logFile(...)", e);
                }
            }
            return new EmbeddedSurrealDb(this);
        }
    }
}
