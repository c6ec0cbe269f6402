package io.cortexsync.cli.reconcile;

import io.cortexsync.schema.json.SchemaJson;
import io.cortexsync.schema.model.RepairRecord;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Merges the repair-record part files of a run into the {@code --findings} file. A partition
 * compared again after a restore repeats its records; the merge keeps one per point id, so the
 * file and the counts taken from it are exact.
 */
public final class FindingFiles {

    private FindingFiles() {}

    /** Merges every part under {@code partsDir} into {@code target} (replaced), sorted by point id; returns the records. */
    public static List<RepairRecord> merge(Path partsDir, Path target) throws IOException {
        Map<String, RepairRecord> byPoint = new LinkedHashMap<>();
        if (Files.isDirectory(partsDir)) {
            List<Path> parts;
            try (Stream<Path> files = Files.list(partsDir)) {
                parts = files.filter(p -> p.getFileName().toString().endsWith(".jsonl")).sorted().toList();
            }
            for (Path part : parts) {
                for (String line : Files.readAllLines(part, StandardCharsets.UTF_8)) {
                    if (line.isBlank()) {
                        continue;
                    }
                    RepairRecord record;
                    try {
                        record = SchemaJson.REPAIR_RECORD.read(line);
                    } catch (RuntimeException e) {
                        continue; // the torn last line of a writer that was killed
                    }
                    byPoint.putIfAbsent(record.pointId().toString(), record);
                }
            }
        }
        List<RepairRecord> records = new ArrayList<>(byPoint.values());
        records.sort(Comparator.comparing(r -> r.pointId().toString()));
        Path parent = target.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        StringBuilder lines = new StringBuilder();
        for (RepairRecord record : records) {
            lines.append(SchemaJson.REPAIR_RECORD.writeString(record)).append('\n');
        }
        Files.writeString(target, lines.toString(), StandardCharsets.UTF_8);
        return records;
    }

    /** Removes the part files of {@code partsDir}, and it. */
    public static void deleteParts(Path partsDir) throws IOException {
        if (!Files.isDirectory(partsDir)) {
            return;
        }
        try (Stream<Path> files = Files.list(partsDir)) {
            for (Path part : files.toList()) {
                Files.deleteIfExists(part);
            }
        }
        Files.deleteIfExists(partsDir);
    }
}
