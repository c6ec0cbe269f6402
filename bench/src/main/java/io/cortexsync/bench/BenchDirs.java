package io.cortexsync.bench;

import io.cortexsync.cli.run.LocalScratchDirectories;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A bench's scratch directory: store data and job files, removed when the bench ends however it ends. */
public final class BenchDirs {

    /** What a bench runs in its scratch directory. */
    @FunctionalInterface
    public interface InDirectory {
        void run(Path dir) throws Exception;
    }

    private BenchDirs() {}

    /**
     * Points this JVM's {@code java.io.tmpdir} at a directory of its own inside the old one,
     * deleted when the JVM exits. The benches' in-JVM MiniClusters take it as their
     * {@code io.tmp.dirs} (Flink reads the property when its options load), and each leaves a
     * 21 MB copy of Flink's RPC jar there that its own shutdown does not always delete. Call it
     * first, before any Flink class loads ({@link LocalScratchDirectories} loads none until it
     * configures a cluster).
     */
    public static void temporaryFilesOfThisJvmOnly() throws IOException {
        Path own = LocalScratchDirectories.deletedAtExit(Path.of(System.getProperty("java.io.tmpdir")), "cortex-sync-bench-");
        System.setProperty("java.io.tmpdir", own.toString());
    }

    /** Runs {@code body} in a new temporary directory named from {@code prefix}, then deletes it. */
    public static void inTempDirectory(String prefix, InDirectory body) throws Exception {
        Path dir = Files.createTempDirectory(prefix);
        try {
            body.run(dir);
        } finally {
            deleteRecursively(dir);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }
}
