package io.cortexsync.testkit.kafka;

import kafka.tools.StorageTool;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/** Formats a KRaft log directory the way {@code kafka-storage.sh format} does. */
final class KraftStorage {

    private KraftStorage() {}

    /**
     * Formats {@code logDir} with the broker settings {@code props} unless it holds a formatted log
     * already, whose cluster id then wins over {@code clusterId}.
     */
    static void formatIfNeeded(Path workDir, Path logDir, Properties props, String clusterId) {
        if (Files.exists(logDir.resolve("meta.properties"))) {
            return;
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int exitCode;
        try {
            Files.createDirectories(workDir);
            // The tool reads the broker configuration from a file only.
            Path propsFile = workDir.resolve("server.properties");
            try (OutputStream out = Files.newOutputStream(propsFile)) {
                props.store(out, "single-node KRaft broker for tests");
            }
            String[] args = {
                "format", "-t", clusterId, "-c", propsFile.toString(), "--ignore-formatted"
            };
            exitCode =
                    StorageTool.execute(
                            args, new PrintStream(output, true, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (exitCode != 0) {
            throw new IllegalStateException(
                    "Formatting the Kafka storage failed with exit code "
                            + exitCode
                            + ": "
                            + output.toString(StandardCharsets.UTF_8));
        }
    }
}
