package io.cortexsync.cli.migrate;

import io.cortexsync.cli.run.PartFiles;
import io.cortexsync.jobs.deadletter.DeadLetterReasons;
import io.cortexsync.schema.json.SchemaJson;
import io.cortexsync.schema.model.DeadLetter;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Merges the part files of a run into the {@code --dead-letter} file. A record replayed after a
 * restore can be dead-lettered twice; the merge keeps it once (by record id), so the file and the
 * counts taken from it are exact.
 */
public final class DeadLetterFiles {

    private DeadLetterFiles() {}

    /** What the merge wrote: the dead letters per reason class. */
    public record Merged(Path file, Map<String, Long> byReason) {

        public long total() {
            return byReason.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** Merges every part under {@code partsDir} into {@code target} (replaced), sorted by record id. */
    public static Merged merge(Path partsDir, Path target) throws IOException {
        Map<String, DeadLetter> byRecord = new TreeMap<>();
        List<DeadLetter> withoutId = new ArrayList<>();
        for (DeadLetter letter : PartFiles.read(partsDir, SchemaJson.DEAD_LETTER)) {
            if (letter.recordId() == null) {
                withoutId.add(letter);
            } else {
                byRecord.putIfAbsent(letter.recordId(), letter);
            }
        }
        Map<String, Long> byReason = new TreeMap<>();
        Path absolute = target.toAbsolutePath();
        if (absolute.getParent() != null) {
            Files.createDirectories(absolute.getParent());
        }
        try (BufferedWriter out = Files.newBufferedWriter(absolute, StandardCharsets.UTF_8)) {
            for (DeadLetter letter : concat(byRecord.values(), withoutId)) {
                out.write(SchemaJson.DEAD_LETTER.writeString(letter));
                out.write('\n');
                byReason.merge(DeadLetterReasons.key(letter.stage(), letter.reason()), 1L, Long::sum);
            }
        }
        return new Merged(absolute, new LinkedHashMap<>(byReason));
    }

    /** Deletes the part files and their directory. */
    public static void deleteParts(Path partsDir) throws IOException {
        PartFiles.delete(partsDir);
    }

    private static List<DeadLetter> concat(Iterable<DeadLetter> a, List<DeadLetter> b) {
        List<DeadLetter> all = new ArrayList<>();
        a.forEach(all::add);
        all.addAll(b);
        return all;
    }
}
