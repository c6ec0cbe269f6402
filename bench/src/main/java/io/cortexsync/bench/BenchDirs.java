package io.cortexsync.bench;

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
