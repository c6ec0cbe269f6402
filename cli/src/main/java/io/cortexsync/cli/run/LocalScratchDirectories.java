package io.cortexsync.cli.run;

import org.apache.flink.annotation.Internal;
import org.apache.flink.configuration.ConfigurationUtils;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.util.FileUtils;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Temporary directories of this process's MiniClusters, removed when the process exits.
 *
 * <p>A MiniCluster puts its working directory ({@code minicluster_<id>}) and a 21 MB copy of the
 * Pekko RPC jar ({@code flink-rpc-akka<id>.jar}) into {@code io.tmp.dirs} and removes them only
 * when it has shut down. The command exits as soon as its report is out, while that shutdown is
 * still running, so each run would leave both behind. Pointing {@code io.tmp.dirs} at directories
 * of this process (one inside each configured or default temporary directory) lets a shutdown
 * hook remove everything at exit without waiting for the cluster.
 */
@Internal
public final class LocalScratchDirectories {

    private static final String PREFIX = "cortex-sync-flink-";

    private static List<Path> directories;

    private LocalScratchDirectories() {}

    /** Sets {@code io.tmp.dirs} of {@code conf} to this process's scratch directories, created at first use. */
    static synchronized void apply(Configuration conf) {
        if (directories == null) {
            List<Path> created = new ArrayList<>();
            for (String parent : ConfigurationUtils.parseTempDirectories(conf)) {
                try {
                    created.add(deletedAtExit(Path.of(parent), PREFIX));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot create a temporary directory in " + parent
                            + " (Flink's io.tmp.dirs): " + e.getMessage(), e);
                }
            }
            directories = List.copyOf(created);
        }
        conf.set(CoreOptions.TMP_DIRS, directories.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)));
    }

    /**
     * A new directory named from {@code prefix} inside {@code parent} (created if missing), deleted
     * with everything in it when this JVM exits, whether or not a cluster's shutdown is still running.
     */
    public static Path deletedAtExit(Path parent, String prefix) throws IOException {
        Files.createDirectories(parent);
        Path dir = Files.createTempDirectory(parent, prefix);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir), "cortex-sync-scratch-cleanup"));
        return dir;
    }

    /** Deletes {@code dir}; a few tries, as the cluster's own shutdown may be deleting in it at the same time. */
    private static void delete(Path dir) {
        for (int attempt = 0; attempt < 3 && Files.exists(dir); attempt++) {
            try {
                FileUtils.deleteDirectory(dir.toFile());
            } catch (IOException | RuntimeException e) {
                // a file vanished under the walk, or cannot be deleted: try again, then leave it
            }
        }
    }
}
