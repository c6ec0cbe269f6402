package io.cortexsync.cli.run;

import io.cortexsync.schema.json.JsonCodec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The part files a job's subtasks write (JSON lines, {@code *.jsonl}, one file each) before the
 * command line merges them: every record, in the parts' name order; a torn last line of a writer
 * that was killed is skipped.
 */
public final class PartFiles {

    private PartFiles() {}

    /** Every record of the parts under {@code partsDir} (none when it does not exist). */
    public static <T> List<T> read(Path partsDir, JsonCodec<T> codec) throws IOException {
        List<T> records = new ArrayList<>();
        if (!Files.isDirectory(partsDir)) {
            return records;
        }
        List<Path> parts;
        try (Stream<Path> files = Files.list(partsDir)) {
            parts = files.filter(p -> p.getFileName().toString().endsWith(".jsonl")).sorted().toList();
        }
        for (Path part : parts) {
            for (String line : Files.readAllLines(part, StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    records.add(codec.read(line));
                } catch (RuntimeException e) {
                    // the torn last line of a writer that was killed
                }
            }
        }
        return records;
    }

    /** Deletes the part files and their directory. */
    public static void delete(Path partsDir) throws IOException {
        if (!Files.exists(partsDir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(partsDir)) {
            for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }
}
