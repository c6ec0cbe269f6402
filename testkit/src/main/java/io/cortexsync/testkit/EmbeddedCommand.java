package io.cortexsync.testkit;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

/**
 * {@code cortex-sync embedded}: SurrealDB, Qdrant and Kafka on this machine until interrupted.
 */
@Command(
        name = "embedded",
        mixinStandardHelpOptions = true,
        description = {
            "Starts SurrealDB (the real engine), a Qdrant gRPC server and a Kafka broker on loopback,",
            "prints their endpoints and runs until interrupted (Ctrl-C), then stops all three."
        })
public final class EmbeddedCommand implements Callable<Integer> {

    /** Printed once every store is up; scripts wait for it. */
    public static final String READY_LINE = "cortex-sync embedded: ready";

    @Option(names = "--surreal-port", defaultValue = "8000", description = "SurrealDB HTTP port (default: ${DEFAULT-VALUE}; 0 = any free port).")
    int surrealPort;

    @Option(names = "--qdrant-port", defaultValue = "6334", description = "Qdrant gRPC port (default: ${DEFAULT-VALUE}; 0 = any free port).")
    int qdrantPort;

    @Option(names = "--kafka-port", defaultValue = "9092", description = "Kafka broker port (default: ${DEFAULT-VALUE}; 0 = any free port).")
    int kafkaPort;

    @Option(names = "--data-dir", description = "Keeps SurrealDB and Kafka data here across runs (default: a temporary directory deleted on exit).")
    Path dataDir;

    @Option(names = "--surreal-user", defaultValue = "root", description = "SurrealDB root user (default: ${DEFAULT-VALUE}).")
    String surrealUser;

    @Option(names = "--surreal-pass", defaultValue = "root", description = "SurrealDB root password (default: ${DEFAULT-VALUE}).", arity = "1")
    String surrealPass;

    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        boolean temporary = dataDir == null;
        Path dir = temporary ? EmbeddedStores.newTempDataDir() : dataDir.toAbsolutePath();
        EmbeddedStores.Settings settings =
                new EmbeddedStores.Settings(dir)
                        .surrealPort(surrealPort)
                        .qdrantPort(qdrantPort)
                        .kafkaPort(kafkaPort)
                        .surrealCredentials(surrealUser, surrealPass);

        Runtime.getRuntime().addShutdownHook(new Thread(this::stopAndAwait, "embedded-shutdown"));
        try (EmbeddedStores stores = EmbeddedStores.start(settings)) {
            out.println(stores.describeEndpoints());
            out.println("data       " + dir + (temporary ? "  (temporary)" : ""));
            out.println(READY_LINE);
            out.flush();
            stopRequested.await();
            out.println("cortex-sync embedded: stopping");
        } finally {
            try {
                if (temporary) {
                    deleteRecursively(dir);
                }
                out.println("cortex-sync embedded: stopped");
                out.flush();
            } finally {
                // Only now may the shutdown hook return and the JVM halt.
                stopped.countDown();
            }
        }
        return 0;
    }

    /** Called from the shutdown hook: lets the main thread close the stores, then waits for it. */
    private void stopAndAwait() {
        stopRequested.countDown();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }

    public static void main(String[] args) {
        int exit = new CommandLine(new EmbeddedCommand()).execute(args);
        System.exit(exit);
    }
}
