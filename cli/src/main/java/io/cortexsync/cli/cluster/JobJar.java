package io.cortexsync.cli.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Optional;

/**
 * Finds the shaded job jar to upload: {@code --job-jar}, else the one the launcher built (system
 * property {@code cortexsync.job.jar} or environment {@code CORTEX_SYNC_JOB_JAR}), else {@code
 * jobs/target/cortex-sync-jobs-*-job.jar} of the project around the working directory.
 */
final class JobJar {

    static final String PROPERTY = "cortexsync.job.jar";
    static final String ENVIRONMENT = "CORTEX_SYNC_JOB_JAR";

    private JobJar() {}

    static Path locate(Path given) {
        Path jar = Optional.ofNullable(given)
                .or(() -> Optional.ofNullable(System.getProperty(PROPERTY)).map(Paths::get))
                .or(() -> Optional.ofNullable(System.getenv(ENVIRONMENT)).filter(s -> !s.isBlank()).map(Paths::get))
                .or(JobJar::inProject)
                .orElseThrow(() -> new IllegalArgumentException(
                        "--job-jar: no job jar found; build it with 'mvn -pl jobs -am package' or name it"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException("--job-jar: " + jar + " is not a file");
        }
        return jar;
    }

    private static Optional<Path> inProject() {
        for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path target = dir.resolve("jobs").resolve("target");
            if (Files.isDirectory(target)) {
                try (DirectoryStream<Path> jars = Files.newDirectoryStream(target, "cortex-sync-jobs-*-job.jar")) {
                    for (Path jar : jars) {
                        return Optional.of(jar);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return Optional.empty();
    }
}
