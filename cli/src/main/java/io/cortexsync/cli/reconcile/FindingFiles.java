package io.cortexsync.cli.reconcile;

import io.cortexsync.cli.run.PartFiles;
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
        for (RepairRecord record : PartFiles.read(partsDir, SchemaJson.REPAIR_RECORD)) {
            byPoint.putIfAbsent(record.pointId().toString(), record);
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
        PartFiles.delete(partsDir);
    }
}
